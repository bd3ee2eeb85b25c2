package news.comments.systemtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import news.comments.events.CommentModerated;
import news.comments.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Tails the decision topic from its end as any consumer sees it (committed transactions only) and notes
 * when each automatic decision became visible, on the clock of a {@link CommentLoad}: the "decided" half
 * of a throughput measured from outside. How many decisions a comment got is {@link DecisionLog}'s job.
 */
final class DecisionWatcher implements AutoCloseable {

    private final Map<String, Long> firstSeenMillis = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private DecisionWatcher(String bootstrapServers, LongSupplier clock) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.COMMENT_MODERATED.name(), Duration.ofSeconds(30))
                .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the load starts
        Deserializer<CommentModerated> values =
                Topics.COMMENT_MODERATED.valueSerde().deserializer();
        thread = new Thread(
                () -> {
                    try {
                        while (running) {
                            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                                CommentModerated decision = DecisionLog.readable(values, record);
                                if (decision != null && CommentModerated.RULES.equals(decision.decidedBy())) {
                                    firstSeenMillis.putIfAbsent(
                                            decision.commentId().toString(), clock.getAsLong());
                                }
                            });
                        }
                    } catch (WakeupException stopping) {
                        // close() woke the poll
                    } finally {
                        consumer.close();
                    }
                },
                "decision-watcher");
        thread.setDaemon(true);
    }

    /** Starts tailing from where the topic ends now; times are read from {@code clock} (ms). */
    static DecisionWatcher start(String bootstrapServers, LongSupplier clock) {
        DecisionWatcher watcher = new DecisionWatcher(bootstrapServers, clock);
        watcher.thread.start();
        return watcher;
    }

    /** When each comment's first automatic decision became visible. */
    Map<String, Long> firstSeenMillis() {
        return Map.copyOf(firstSeenMillis);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
