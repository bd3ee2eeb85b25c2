package news.comments.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import news.comments.events.CommentModerated;
import news.comments.events.EventDeserializer;
import news.comments.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every decision published on comments.moderated.v1 from its start on, as a read_committed consumer
 * (what comment-service sees), and remembers when (wall clock, microseconds) the decision on each comment
 * arrived. It reads only the comment id out of each record, so that its own CPU stays small; a whole
 * decision is parsed only for an article someone watches (close propagation).
 */
final class DecisionWatcher implements AutoCloseable {

    record Seen(CommentModerated decision, long atNanos) {}

    private static final byte[] COMMENT_ID = "\"commentId\"".getBytes(StandardCharsets.US_ASCII);

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventDeserializer<CommentModerated> deserializer = new EventDeserializer<>(CommentModerated.class);
    private final Map<UUID, Long> seenAtMicros = new ConcurrentHashMap<>();
    private final LongAdder duplicates = new LongAdder();
    private final Map<String, Consumer<Seen>> byArticle = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    DecisionWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMENT_MODERATED.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "decision-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** When the decision on that comment was seen (epoch microseconds), or null while it was not. */
    Long seenAtMicros(UUID commentId) {
        return seenAtMicros.get(commentId);
    }

    /** Decisions seen a second time for a comment already decided (must stay 0: one decision per comment). */
    long duplicates() {
        return duplicates.sum();
    }

    /** Forgets what was seen so far (between measurements, to keep memory small). */
    void clear() {
        seenAtMicros.clear();
    }

    /** Calls back for every decision on that article's comments until {@link #stopWatching}. */
    void watchArticle(UUID articleId, Consumer<Seen> callback) {
        byArticle.put(articleId.toString(), callback);
    }

    void stopWatching(UUID articleId) {
        byArticle.remove(articleId.toString());
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() == null) {
                        continue;
                    }
                    long nanos = System.nanoTime();
                    Instant now = Instant.now();
                    UUID commentId = commentId(record.value());
                    if (commentId != null
                            && seenAtMicros.putIfAbsent(
                                            commentId, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000)
                                    != null) {
                        duplicates.increment();
                    }
                    Consumer<Seen> forArticle = record.key() == null ? null : byArticle.get(record.key());
                    if (forArticle != null) {
                        forArticle.accept(new Seen(
                                deserializer.deserialize(record.topic(), record.headers(), record.value()), nanos));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke us
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The value of "commentId" in the decision's JSON, without parsing the rest. */
    static UUID commentId(byte[] json) {
        int at = indexOf(json, COMMENT_ID);
        if (at < 0) {
            return null;
        }
        int open = -1;
        for (int i = at + COMMENT_ID.length; i < json.length; i++) {
            if (json[i] == '"') {
                open = i;
                break;
            }
        }
        if (open < 0 || open + 37 > json.length) {
            return null;
        }
        try {
            return UUID.fromString(new String(json, open + 1, 36, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
