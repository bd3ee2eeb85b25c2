package news.comments.benchmark;

import news.comments.events.CommentModerated;
import news.comments.events.EventDeserializer;
import news.comments.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads every decision published on comments.moderated.v1 from now on, as a read_committed
 * consumer (what comment-service sees), and tells whoever waits for that comment or article the
 * moment (System.nanoTime) it arrived. A decision that arrives before anyone asked for its comment
 * is kept for a minute, so the order of "202 received" and "decision seen" does not matter.
 */
final class DecisionWatcher implements AutoCloseable {

    record Seen(CommentModerated decision, long atNanos) {
    }

    private static final long KEEP_UNCLAIMED_NANOS = Duration.ofMinutes(1).toNanos();

    private final KafkaConsumer<String, CommentModerated> consumer;
    private final Map<UUID, Consumer<Seen>> byComment = new ConcurrentHashMap<>();
    private final Map<UUID, Consumer<Seen>> byArticle = new ConcurrentHashMap<>();
    private final Map<UUID, Seen> unclaimed = new ConcurrentHashMap<>();
    /** Guards byComment and unclaimed together, so a decision and its claim cannot miss each other. */
    private final Object claims = new Object();
    private final Thread thread;
    private volatile boolean running = true;

    DecisionWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new EventDeserializer<>(CommentModerated.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMENT_MODERATED.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, not at the first poll
        thread = new Thread(this::run, "decision-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Calls back once, when the decision on that comment is seen (maybe at once, if it already was). */
    void onDecision(UUID commentId, Consumer<Seen> callback) {
        Seen early;
        synchronized (claims) {
            early = unclaimed.remove(commentId);
            if (early == null) {
                byComment.put(commentId, callback);
            }
        }
        if (early != null) {
            callback.accept(early);
        }
    }

    /** Calls back for every decision on that article's comments until {@link #stopWatching}. */
    void watchArticle(UUID articleId, Consumer<Seen> callback) {
        byArticle.put(articleId, callback);
    }

    void stopWatching(UUID articleId) {
        byArticle.remove(articleId);
    }

    private void run() {
        long lastPurge = System.nanoTime();
        try {
            while (running) {
                for (ConsumerRecord<String, CommentModerated> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    CommentModerated decision = record.value();
                    if (decision == null) {
                        continue;
                    }
                    Seen seen = new Seen(decision, now);
                    Consumer<Seen> forArticle = byArticle.get(decision.articleId());
                    if (forArticle != null) {
                        forArticle.accept(seen);
                    }
                    Consumer<Seen> forComment;
                    synchronized (claims) {
                        forComment = byComment.remove(decision.commentId());
                        if (forComment == null) {
                            unclaimed.put(decision.commentId(), seen);
                        }
                    }
                    if (forComment != null) {
                        forComment.accept(seen);
                    }
                }
                if (System.nanoTime() - lastPurge > KEEP_UNCLAIMED_NANOS) {
                    long cutoff = System.nanoTime() - KEEP_UNCLAIMED_NANOS;
                    synchronized (claims) {
                        unclaimed.values().removeIf(seen -> seen.atNanos() < cutoff);
                    }
                    lastPurge = System.nanoTime();
                }
            }
        } catch (WakeupException stopping) {
            // close() woke us
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
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
