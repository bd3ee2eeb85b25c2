package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import news.comments.events.EventSerializer;
import news.comments.events.Reason;
import news.comments.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A rough figure for landing decisions, not a test: its name keeps it out of {@code ./mvnw verify}. Run it
 * alone with
 * {@code ./mvnw -B -ntp -q -pl comment-service -am verify -Dtest=DecisionLandingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dlanding.decisions=N} to change the count); the figures are printed to
 * {@code comment-service/target/surefire-reports/news.comments.commentservice.DecisionLandingBenchmark-output.txt}.
 *
 * <p>After a warm-up round of N/5: N pending comments are inserted, the decision listener is paused, N automatic decisions (every tenth
 * a HELD) are put on the topic, and the clock runs from resuming the listener until every comment is
 * decided and the outbox is empty again (every status change is on Kafka). CPU is counted three ways:
 * the listener's and the relay's threads, the whole JVM (which also runs the embedded broker), and the
 * database backends of this service's connections.
 */
class DecisionLandingBenchmark extends IntegrationTestBase {

    @Test
    void landsDecisionsAndPrintsTheCost() throws Exception {
        int count = Integer.getInteger("landing.decisions", 5_000);
        round(count / 5, false); // the JIT's turn
        round(count, true);
    }

    private void round(int count, boolean print) throws Exception {
        List<UUID> articles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            articles.add(UUID.randomUUID());
        }
        List<CommentModerated> decisions = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            UUID article = articles.get(i % articles.size());
            UUID comment = UUID.randomUUID();
            insertPendingComment(article, comment, now);
            Decision decision = i % 10 == 0 ? Decision.HELD : Decision.APPROVED;
            decisions.add(new CommentModerated(
                    CommentModerated.automaticDecisionId(comment),
                    comment,
                    article,
                    decision,
                    List.of(new Reason(decision == Decision.HELD ? "LINK" : "CLEAN", "benchmark")),
                    CommentModerated.RULES,
                    1,
                    now.plusMillis(i),
                    null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows() == 0);

        MessageListenerContainer listener = listeners.getListenerContainer("decisions");
        listener.pause();
        await().atMost(Duration.ofSeconds(10)).until(listener::isContainerPaused);
        produce(decisions);

        Cpu before = Cpu.now(backendPids());
        long start = System.nanoTime();
        listener.resume();
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> decided(articles) == count);
        long landed = System.nanoTime();
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> outboxRows() == 0);
        long drained = System.nanoTime();
        Cpu after = Cpu.now(backendPids());

        assertThat(decided(articles)).isEqualTo(count);
        if (!print) {
            return;
        }
        double landedSeconds = (landed - start) / 1e9;
        System.out.printf(
                """
                        decision landing benchmark: %d decisions
                          all landed after   %.2f s (%.0f decisions/s)
                          outbox drained at  %.2f s
                          listener threads   %.1f ms CPU (%.1f us per decision)
                          outbox relay       %.1f ms CPU (%.1f us per decision)
                          whole JVM          %.1f ms CPU (%.1f us per decision; includes the embedded broker)
                          database backends  %.1f ms CPU (%.1f us per decision)
                        %n""",
                count,
                landedSeconds,
                count / landedSeconds,
                (drained - start) / 1e9,
                after.listener - before.listener,
                1000 * (after.listener - before.listener) / count,
                after.relay - before.relay,
                1000 * (after.relay - before.relay) / count,
                after.jvm - before.jvm,
                1000 * (after.jvm - before.jvm) / count,
                after.database - before.database,
                1000 * (after.database - before.database) / count);
        System.out.println("  busiest threads (ms CPU):");
        after.threads.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.threads.getOrDefault(e.getKey(), 0.0)))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> System.out.printf("    %-50s %8.1f%n", e.getKey(), e.getValue()));
    }

    private void insertPendingComment(UUID article, UUID comment, Instant at) {
        jdbc.sql("""
                        INSERT INTO comment (id, article_id, author, text, status, submitted_at, thread_key)
                        VALUES (:id, :article, 'bench', 'benchmark comment', 'PENDING', :at, :key)
                        """)
                .param("id", comment)
                .param("article", article)
                .param("at", java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))
                .param("key", "bench" + comment)
                .update();
    }

    private void produce(List<CommentModerated> decisions) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var producer =
                new KafkaProducer<>(config, new StringSerializer(), new EventSerializer<CommentModerated>())) {
            for (CommentModerated d : decisions) {
                producer.send(new ProducerRecord<>(
                        Topics.COMMENT_MODERATED.name(), null, d.decidedAt().toEpochMilli(), d.partitionKey(), d));
            }
            producer.flush();
        }
    }

    /** Decided comments of the round's articles (index ranges: cheap enough to ask every 100 ms). */
    private long decided(List<UUID> articles) {
        return jdbc.sql("SELECT count(*) FROM comment WHERE article_id = ANY(:articles) AND status <> 'PENDING'")
                .param("articles", articles.toArray(UUID[]::new))
                .query(Long.class)
                .single();
    }

    private long outboxRows() {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE parked_at IS NULL")
                .query(Long.class)
                .single();
    }

    private List<Long> backendPids() {
        return jdbc.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
                .query(Long.class)
                .list();
    }

    /** CPU used so far, in milliseconds. */
    private record Cpu(double listener, double relay, double jvm, double database, Map<String, Double> threads) {

        static Cpu now(List<Long> backends) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double listener = 0;
            double relay = 0;
            Map<String, Double> byName = new HashMap<>();
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                double ms = threads.getThreadCpuTime(info.getThreadId()) / 1e6;
                byName.merge(info.getThreadName().replaceAll("\\d+", "#"), ms, Double::sum);
                if (info.getThreadName().startsWith("decisions-")) {
                    listener += ms;
                } else if (info.getThreadName().equals("outbox-relay")) {
                    relay += ms;
                }
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double database = 0;
            long ticksPerSecond = 100; // USER_HZ on Linux
            for (long pid : backends) {
                try {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    database += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / ticksPerSecond;
                } catch (IOException | RuntimeException gone) {
                    // a backend that ended in between
                }
            }
            return new Cpu(listener, relay, os.getProcessCpuTime() / 1e6, database, byName);
        }
    }
}
