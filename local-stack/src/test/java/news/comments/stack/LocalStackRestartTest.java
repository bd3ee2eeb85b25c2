package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real broker and the real PostgreSQL of the local stack (no services), writes to both,
 * restarts on the same data folder and reads it all back, and checks nothing is left running.
 */
class LocalStackRestartTest {

    private static final String TOPIC = "restart.check.v1";

    @TempDir
    Path dataDirectory;

    @Test
    void keepsKafkaRecordsAndDurableDatabasesAcrossARestartAndLeavesNoProcessBehind() throws Exception {
        LocalStackConfig config = LocalStackConfig.builder(dataDirectory)
                .startServices(false)
                .moderatorPassword("not-used-here")
                .build();

        try (LocalStack first = LocalStack.start(config)) {
            assertThat(Files.readString(first.logFile("kafka"))).isNotBlank();
            createTopic(first.kafkaBootstrapServers());
            produce(first.kafkaBootstrapServers(), "article-1", "survives restarts");
            execute(first, "articles", "CREATE TABLE note (text varchar(100))", "INSERT INTO note VALUES ('kept')");
            execute(first, "comments", "CREATE TABLE marker (id int)");
        }
        assertNothingLeftRunning();

        // New free ports on purpose: the stored cluster must not depend on the old ones.
        try (LocalStack second = LocalStack.start(config)) {
            assertThat(consumeAll(second.kafkaBootstrapServers()))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("survives restarts");
            assertThat(queryOne(second, "articles", "SELECT text FROM note")).isEqualTo("kept");
            assertThat(queryOne(second, "comments", "SELECT count(*) FROM marker"))
                    .isEqualTo("0");
            // What a client was told is stored survives a crash of the machine, not only a clean stop.
            assertThat(List.of(
                            queryOne(second, "comments", "SHOW fsync"),
                            queryOne(second, "comments", "SHOW synchronous_commit"),
                            queryOne(second, "comments", "SHOW full_page_writes")))
                    .as("fsync, synchronous_commit, full_page_writes")
                    .containsExactly("on", "on", "on");
        }
        assertNothingLeftRunning();
    }

    private void assertNothingLeftRunning() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ProcessHandle.current()
                                .descendants()
                                .filter(ProcessHandle::isAlive)
                                .toList())
                        .as("child processes of the test JVM after close()")
                        .isEmpty());
        assertThat(Files.exists(dataDirectory.resolve("postgres").resolve("postmaster.pid")))
                .as("PostgreSQL has shut down (no postmaster.pid)")
                .isFalse();
    }

    private static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        Map<String, Object> config =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }

    private static void execute(LocalStack stack, String database, String... statements) throws Exception {
        try (Connection connection = connect(stack, database);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String queryOne(LocalStack stack, String database, String sql) throws Exception {
        try (Connection connection = connect(stack, database);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static Connection connect(LocalStack stack, String database) throws Exception {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.databaseUsername(), stack.databasePassword());
    }
}
