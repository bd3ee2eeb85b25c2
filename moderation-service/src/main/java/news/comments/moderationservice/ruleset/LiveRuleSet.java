package news.comments.moderationservice.ruleset;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import news.comments.events.RuleSetPublished;
import news.comments.events.Topics;
import news.comments.moderationservice.rules.InvalidRuleSetException;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.moderationservice.rules.RuleSetSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The rule set in force on this instance. Every instance reads the whole {@code moderation.rules.v1} topic with
 * its own plain consumer (no group: each instance needs every record) from the beginning and keeps following it,
 * so a published change is live everywhere within a poll (100 ms). A record takes effect only when its version
 * is higher than the one in force: the first record of a version on the log wins, the same on every instance.
 * Until a rule set is published the configured defaults are in force.
 *
 * <p>It starts before the Kafka Streams app (lower lifecycle phase) and waits, bounded, until it has read what
 * the topic held at start, so no comment is judged by stale defaults after a restart.
 */
public class LiveRuleSet implements RuleSetSource, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveRuleSet.class);

    /** The rule set in force and where it came from ({@code partition} -1 for the configured defaults). */
    public record InForce(
            RuleSet rules,
            String publishedBy,
            Instant publishedAt,
            int partition,
            long offset,
            RuleSetPublished event) {}

    private final Supplier<KafkaConsumer<String, RuleSetPublished>> consumers;
    private final Duration startupWait;
    private final AtomicReference<InForce> current;
    private final Map<Integer, Long> consumedUpTo = new HashMap<>();
    private volatile KafkaConsumer<String, RuleSetPublished> consumer;
    private volatile Thread poller;
    private volatile boolean running;

    public LiveRuleSet(Map<String, Object> consumerConfig, RuleSet defaults, Duration startupWait) {
        this.consumers = () -> {
            Properties config = new Properties();
            config.putAll(consumerConfig);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            return new KafkaConsumer<>(
                    config,
                    Topics.MODERATION_RULES.keySerde().deserializer(),
                    Topics.MODERATION_RULES.valueSerde().deserializer());
        };
        this.startupWait = startupWait;
        this.current = new AtomicReference<>(new InForce(defaults, "configuration", null, -1, -1, null));
    }

    @Override
    public RuleSet current() {
        return current.get().rules();
    }

    public InForce inForce() {
        return current.get();
    }

    @Override
    public int getPhase() {
        return 0; // before the Kafka Streams app and the web server
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        consumer = consumers.get();
        List<TopicPartition> partitions = partitions(consumer);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions);
        running = true;
        poller = new Thread(this::pollLoop, "rules-follower");
        poller.setDaemon(true);
        poller.start();
        long deadline = System.nanoTime() + startupWait.toNanos();
        for (Map.Entry<TopicPartition, Long> end : endAtStart.entrySet()) {
            if (end.getValue() > 0
                    && !awaitConsumed(
                            end.getKey().partition(),
                            end.getValue() - 1,
                            Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                log.warn(
                        "Rules topic not read to its end within {}; starting with version {}",
                        startupWait,
                        current().version());
                break;
            }
        }
        log.info("Rule set version {} in force", current().version());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
        for (int attempt = 0; ; attempt++) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.MODERATION_RULES.name(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition()))
                        .toList();
            }
            if (attempt >= 30) {
                throw new IllegalStateException("topic " + Topics.MODERATION_RULES.name() + " does not exist");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private void pollLoop() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, RuleSetPublished> record : consumer.poll(Duration.ofMillis(100))) {
                        apply(record);
                        consumed(record.partition(), record.offset());
                    }
                    for (TopicPartition partition : consumer.assignment()) {
                        consumed(partition.partition(), consumer.position(partition) - 1);
                    }
                } catch (RecordDeserializationException e) {
                    log.error("Unreadable rule set at {} offset {}; skipped", e.topicPartition(), e.offset(), e);
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke us
        } catch (RuntimeException e) {
            log.error(
                    "Rules follower failed; the rule set in force stays version {}",
                    current().version(),
                    e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    void apply(ConsumerRecord<String, RuleSetPublished> record) {
        RuleSetPublished published = record.value();
        if (published == null) {
            return;
        }
        InForce before = current.get();
        if (published.version() <= before.rules().version()) {
            log.debug(
                    "Rule set version {} at offset {} is not newer than {}; ignored",
                    published.version(),
                    record.offset(),
                    before.rules().version());
            return;
        }
        try {
            RuleSet rules = RuleSetDocument.fromMap(published.rules()).toRuleSet(published.version());
            current.set(new InForce(
                    rules,
                    published.publishedBy(),
                    published.publishedAt(),
                    record.partition(),
                    record.offset(),
                    published));
            log.info("Rule set version {} by {} is in force", published.version(), published.publishedBy());
        } catch (InvalidRuleSetException e) {
            log.error(
                    "Rule set version {} at offset {} is invalid and ignored: {}",
                    published.version(),
                    record.offset(),
                    e.problems());
        }
    }

    private void consumed(int partition, long offset) {
        synchronized (consumedUpTo) {
            consumedUpTo.merge(partition, offset, Math::max);
            consumedUpTo.notifyAll();
        }
    }

    /** Waits until this instance has read the record at {@code offset} of {@code partition}. */
    public boolean awaitConsumed(int partition, long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (consumedUpTo) {
            while (consumedUpTo.getOrDefault(partition, -1L) < offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return false;
                }
                try {
                    consumedUpTo.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
