package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import news.comments.events.Event;
import news.comments.events.EventDeserializer;
import news.comments.events.EventSerializer;
import news.comments.events.Reason;
import news.comments.events.Topics;
import news.comments.testsupport.EmbeddedPostgresDatabases;
import news.comments.testsupport.TestTokenIssuer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Spring context, one embedded KRaft broker and one embedded PostgreSQL database shared by every
 * integration test class (they all extend this, so the context cache hands them the same context).
 * Tests play article-service and moderation-service by producing events with the contract's serdes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "comments.stream.heartbeat-interval=PT1S",
            "comments.stream.max-streams=" + IntegrationTestBase.MAX_STREAMS,
            "comments.articles.snapshot-wait=PT2S",
            // Long enough that only this instance's listener can explain a change seen at once (the
            // door's article states, a thread's total).
            "comments.articles.cache-ttl=PT1M",
            "comments.threads.total-ttl=PT1M",
            // Every trace recorded and exported at once, to the in-memory exporter of TracingTestConfig.
            "management.tracing.sampling.probability=1.0",
            "management.opentelemetry.tracing.export.schedule-delay=50ms"
        })
@Import(TracingTestConfig.class)
@EmbeddedKafka(partitions = 6, brokerProperties = "auto.create.topics.enable=false")
abstract class IntegrationTestBase {

    static final int MAX_STREAMS = 4;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static volatile EventLog eventLog;
    private static volatile boolean listenersAssigned;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    KafkaProducer<String, Object> events;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabases.jdbcUrl("comments_it"));
        registry.add("spring.datasource.username", EmbeddedPostgresDatabases::username);
        registry.add("spring.datasource.password", EmbeddedPostgresDatabases::password);
        registry.add(
                "comments.security.jwk-set-uri", () -> TestTokenIssuer.shared().jwkSetUri());
    }

    @BeforeEach
    void sharedKafkaSetUp() {
        if (!listenersAssigned) {
            // The stream fan-out reads from "latest": it must own its partitions before tests publish.
            listeners.getListenerContainers().forEach(c -> ContainerTestUtils.waitForAssignment(c, 6));
            listenersAssigned = true;
        }
        synchronized (IntegrationTestBase.class) {
            if (eventLog == null) {
                eventLog = new EventLog(broker.getBrokersAsString());
            }
        }
        if (events == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
            events = new KafkaProducer<>(config, new StringSerializer(), new EventSerializer<>());
        }
    }

    // ---- playing article-service and moderation-service ----

    void publish(Event event) {
        String topic = event instanceof ArticleState ? Topics.ARTICLE_STATE.name() : Topics.COMMENT_MODERATED.name();
        try {
            events.send(new ProducerRecord<>(
                            topic, null, event.occurredAt().toEpochMilli(), event.partitionKey(), event))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void publishRaw(String topic, String key, byte[] value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (var raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** A new open article, already in the service's local copy. */
    UUID openArticle() {
        return openArticle(UUID.randomUUID());
    }

    UUID openArticle(UUID id) {
        publish(new ArticleState(id, "Trump claims that Iran hacked his campaign", true, null, null, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/articles/" + id + "/comments").statusCode() == 200);
        return id;
    }

    /** Another article id whose events share a partition with {@code articleId}'s, so they are read in order. */
    static UUID articleOnSamePartitionAs(UUID articleId) {
        int partition = partitionOf(articleId);
        while (true) {
            UUID candidate = UUID.randomUUID();
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static int partitionOf(UUID articleId) {
        byte[] key = articleId.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key)) % 6;
    }

    CommentModerated decision(UUID articleId, UUID commentId, Decision decision, String decidedBy, Instant decidedAt) {
        UUID decisionId = CommentModerated.RULES.equals(decidedBy)
                ? CommentModerated.automaticDecisionId(commentId)
                : UUID.randomUUID();
        return new CommentModerated(
                decisionId,
                commentId,
                articleId,
                decision,
                List.of(new Reason(decision == Decision.APPROVED ? "CLEAN" : "LINK", decision + " by " + decidedBy)),
                decidedBy,
                3,
                decidedAt,
                CommentModerated.RULES.equals(decidedBy) ? null : "checked by hand");
    }

    void awaitStatus(UUID commentId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(json(get("/api/comments/" + commentId))
                                .get("status")
                                .asString())
                        .isEqualTo(status));
    }

    // ---- HTTP as a reader or a moderator ----

    UUID postComment(UUID articleId, String author, String text, UUID parentId) {
        String body = parentId == null
                ? JSON.writeValueAsString(Map.of("author", author, "text", text))
                : JSON.writeValueAsString(Map.of("author", author, "text", text, "parentId", parentId));
        HttpResponse<String> response = post("/api/articles/" + articleId + "/comments", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(json(response).get("id").asString());
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    String[] moderator() {
        return new String[] {
            "Authorization", "Bearer " + TestTokenIssuer.shared().moderatorToken()
        };
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).startsWith("/problems/");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The open comment streams of the instance, as its metrics report them. */
    double watchersGauge() {
        return get("/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith("comments_stream_watchers "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst()
                .orElseThrow();
    }

    long commentCount() {
        return jdbc.sql("SELECT count(*) FROM comment").query(Long.class).single();
    }

    // ---- what the service put on Kafka ----

    static List<ConsumerRecord<String, byte[]>> recordsOn(String topic) {
        return eventLog.on(topic);
    }

    @SuppressWarnings("unchecked")
    static <T> T value(ConsumerRecord<String, byte[]> record) {
        return (T) new EventDeserializer<>().deserialize(record.topic(), record.headers(), record.value());
    }

    /** Reads the topics the service writes, from the beginning, for the whole test run. */
    static final class EventLog {

        private static final List<String> TOPICS = List.of(
                Topics.COMMENT_SUBMITTED.name(),
                Topics.COMMENT_REPORTED.name(),
                Topics.COMMENT_STATUS.name(),
                Topics.COMMENT_MODERATED.deadLetterName());

        private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();

        EventLog(String brokers) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            TOPICS.forEach(topic -> consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Thread reader = new Thread(
                    () -> {
                        while (true) {
                            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                        }
                    },
                    "test-event-log");
            reader.setDaemon(true);
            reader.start();
        }

        List<ConsumerRecord<String, byte[]>> on(String topic) {
            return records.stream().filter(r -> r.topic().equals(topic)).toList();
        }
    }
}
