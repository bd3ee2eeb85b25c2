package news.comments.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;
import news.comments.events.Event;
import news.comments.events.EventSerializer;
import news.comments.events.Topic;
import news.comments.events.Topics;
import news.comments.stack.LocalStack;
import news.comments.stack.LocalStackConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark 2: moderation-service alone against a backlog, then live. Its own stack (broker and
 * PostgreSQL only), the contract topics created here, a backlog spread over many articles produced,
 * then moderation-service started by hand from the jar snapshot; decisions are counted as a
 * read_committed consumer sees them, and the clock stops once moderation-service's consumer group has
 * caught up with every topic it reads and no transaction is open. The same process then gets paced live
 * submissions (decision latency through the close grace) and idles. A second backlog, all on one
 * article, is drained by a fresh moderation-service process. Kafka's ProducerPerformance and
 * ConsumerPerformance then run on the same broker.
 */
final class ModerationThroughputBenchmark {

    static final double TARGET_RATIO = 0.25;
    static final double TARGET_DECISIONS_PER_SECOND = 35_000;
    static final double TARGET_RECORDS_PER_DECISION = 3.5;
    static final double TARGET_IDLE_PERCENT_OF_CORE = 3;
    /** moderation-service's Streams application id, which is also its consumer group. */
    static final String APPLICATION_ID = "moderation-service";

    private static final String PERF_TOPIC = "benchmark.perf";
    /** Topics the harness writes: not counted as written by moderation-service. */
    private static final Set<String> HARNESS_TOPICS =
            Set.of(Topics.COMMENT_SUBMITTED.name(), Topics.ARTICLE_STATE.name(), PERF_TOPIC);

    private static final Duration NO_PROGRESS_LIMIT = Duration.ofSeconds(90);
    /** Until the first decision: a busy machine can take minutes to start moderation-service. */
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(10);
    /** Keeps a slow run bounded; the rate is then decisions so far / time. */
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(12);
    /** Once every decision is seen: how long the group's offsets and the transactions may take to settle. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    /** After the last live submission: how long its decisions may take. */
    private static final Duration LIVE_DECIDE_LIMIT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final Path repository;
    private final Sizes sizes;
    private final Options options;
    private final Variant variant;

    /** repository: the variant's jar snapshot. */
    ModerationThroughputBenchmark(Path dataDirectory, Path repository, Sizes sizes, Options options, Variant variant) {
        this.dataDirectory = dataDirectory;
        this.repository = repository;
        this.sizes = sizes;
        this.options = options;
        this.variant = variant;
    }

    /** The section's method; then each variant's {@link #run(Section)} adds its figures. */
    static Section section(Sizes sizes, Options options) {
        Section section = new Section("2. Moderation throughput");
        int n = sizes.moderationSubmissions();
        return section.method(String.format(
                Locale.ROOT,
                "Per stack (variant), a stack of its own with only the broker (KRaft, one node, the local stack's settings) "
                        + "and PostgreSQL. The harness creates the contract topics (%d partitions), publishes an open "
                        + "`ArticleState` for %,d articles, then a backlog of %,d `CommentSubmitted` (distinct authors and "
                        + "texts, spread over the articles, acks=all, idempotent, submitted before moderation-service starts, "
                        + "so their close grace is over). Then it starts moderation-service from the variant's jar snapshot "
                        + "with its JDK, JVM options and environment (see the header) and reads `comments.moderated.v1` "
                        + "with a read_committed consumer. The clock starts at the first decision seen (start-up left out) and "
                        + "stops (a) when every submission's decision is seen, and (a)+(b)+(c) when also (b) the Streams "
                        + "application's consumer group (`%s`) has committed offsets equal to the end offsets on every "
                        + "partition of every topic it has offsets for (Admin.listConsumerGroupOffsets against "
                        + "listOffsets(latest); no topic name is written into the harness, so internal and repartition topics "
                        + "count as they come) and (c) no transaction is open on any topic (last stable offset, "
                        + "listOffsets(latest) read_committed, = end offset), checked every 100 ms once (a) holds. "
                        + "**decisions/s = decisions / time to (a)+(b)+(c)**. Records written per decision = the growth of "
                        + "the end offsets of every topic but the harness's inputs over the run (all topics listed; offsets "
                        + "include transaction markers) / decisions. CPU per decision = user + system time of "
                        + "moderation-service and of the broker from /proc over the clock's window / decisions. "
                        + "**Live**: the same moderation-service process (the backlog drain is its warm-up) then gets "
                        + "submissions paced to %,d/s (each takes the next slot of a fixed schedule) for %d s over %d of "
                        + "the articles, each with `submittedAt` = the wall clock when it is sent, so each waits out "
                        + "moderation-service's close grace in its pending store; decision latency = when the harness's "
                        + "read_committed consumer sees the decision − `submittedAt` (HdrHistogram; the producer's batching "
                        + "included), the rates reached by the producer (sent / sending time) and by the decisions "
                        + "(decided / first send to last decision), CPU per decision over that window. **Idle**: after the "
                        + "live run, %d s to settle, then the CPU of moderation-service and the broker over %d s in %% of "
                        + "one core. **Viral**: moderation-service is stopped, one more open article and a backlog of %,d "
                        + "comments all on it (one key, so one partition) are produced, a new moderation-service process "
                        + "(same state directory) is started and measured as the first backlog. Then, on the same broker: "
                        + "ProducerPerformance (%,d records of the first backlog's average size, acks=all) and "
                        + "ConsumerPerformance (the same records; its fetch.nMsg.sec, which leaves out the group join). A "
                        + "moderation decision is one consume plus one produce, so the raw rate to compare with is "
                        + "1 / (1/produce + 1/consume).",
                Topics.DEFAULT_PARTITIONS,
                sizes.moderationArticles(),
                n,
                APPLICATION_ID,
                options.moderationLiveRate(),
                options.measure().toSeconds(),
                Math.min(sizes.articles(), sizes.moderationArticles()),
                sizes.idleSettleSeconds(),
                sizes.idleSeconds(),
                options.moderationViralComments(),
                n));
    }

    void run(Section section) {
        int n = sizes.moderationSubmissions();
        int viralCount = options.moderationViralComments();
        section.figure("**" + variant.name() + "**");
        section.figure("");
        try (LocalStack stack = LocalStack.start(LocalStackConfig.builder(dataDirectory)
                        .repositoryDirectory(repository)
                        .startServices(false)
                        .seed(false)
                        .build());
                Admin admin = Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            stack.postgresPid().ifPresent(OurProcesses::addDetached);
            String bootstrap = stack.kafkaBootstrapServers();
            ProcessHandle kafka = stack.childProcesses().get(0);
            createTopics(admin);

            Backlog spread = preload(bootstrap, sizes.moderationArticles(), n, "spread");
            section.figure(spread.describe());
            Map<TopicPartition, Long> beforeSpread = endOffsets(admin);
            Drain spreadDrain;
            Live live = null;
            CpuMeter.Usage idle = null;
            try (Decisions decisions = Decisions.fromEnd(bootstrap)) {
                Process moderation = startModerationService(bootstrap);
                CpuMeter cpu = meter(kafka, moderation);
                try {
                    spreadDrain = drain(admin, decisions, n, moderation, cpu, beforeSpread);
                    if (spreadDrain.decisions() >= n && moderation.isAlive()) {
                        List<UUID> liveArticles = spread.articles()
                                .subList(
                                        0,
                                        Math.min(
                                                sizes.articles(),
                                                spread.articles().size()));
                        live = live(bootstrap, liveArticles, moderation, cpu);
                        if (moderation.isAlive()) {
                            idle = idle(cpu);
                        }
                    }
                } finally {
                    stop(moderation);
                }
            }

            Backlog viral = preload(bootstrap, 1, viralCount, "viral");
            section.figure(viral.describe());
            Map<TopicPartition, Long> beforeViral = endOffsets(admin);
            Drain viralDrain;
            try (Decisions decisions = Decisions.fromEnd(bootstrap)) {
                Process moderation = startModerationService(bootstrap);
                CpuMeter cpu = meter(kafka, moderation);
                try {
                    viralDrain = drain(admin, decisions, viralCount, moderation, cpu, beforeViral);
                } finally {
                    stop(moderation);
                }
            }
            section.figure("");
            backlogTable(section, spread, spreadDrain, viral, viralDrain);
            spreadDrain.describe(section, "backlog over " + sizes.moderationArticles() + " articles");
            viralDrain.describe(section, "viral (one article)");
            section.figure("");
            if (live != null) {
                live.describe(section);
            } else {
                section.figure("- Live: not run (the backlog was not drained, or moderation-service stopped).");
            }
            if (idle != null) {
                section.figure(String.format(
                        Locale.ROOT,
                        "- Idle (%d s after a %d s settle): moderation-service + broker %.1f %% of one core (%s).",
                        sizes.idleSeconds(),
                        sizes.idleSettleSeconds(),
                        idle.percentOfCore(idle.system()),
                        idle.describe()));
            }
            section.figure("");

            KafkaPerf.Run produced = KafkaPerf.produce(bootstrap, PERF_TOPIC, n, spread.averageSize() + 36);
            KafkaPerf.Run consumed = KafkaPerf.consume(bootstrap, PERF_TOPIC, n);
            double raw = 1 / (1 / produced.recordsPerSecond() + 1 / consumed.recordsPerSecond());
            double ratio = spreadDrain.perSecond() / raw;
            section.figure(String.format(
                    Locale.ROOT,
                    "- ProducerPerformance: %.0f records/s (`%s`)",
                    produced.recordsPerSecond(),
                    produced.output()));
            section.figure(String.format(
                    Locale.ROOT,
                    "- ConsumerPerformance: %.0f records/s (fetch.nMsg.sec)",
                    consumed.recordsPerSecond()));
            section.figure(String.format(
                    Locale.ROOT,
                    "- Raw consume+produce: 1 / (1/%.0f + 1/%.0f) = %.0f records/s; "
                            + "moderation-service reaches **%.2f** of it (backlog over the articles, clock (a)+(b)+(c)).",
                    produced.recordsPerSecond(),
                    consumed.recordsPerSecond(),
                    raw,
                    ratio));
            section.figure("");
            verdicts(section, n, spreadDrain, ratio, idle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void verdicts(Section section, int n, Drain spread, double ratio, CpuMeter.Usage idle) {
        String name = variant.name();
        double rate = spread.perSecond();
        section.verdict(String.format(
                Locale.ROOT,
                "%s: **Target** (≥ %,.0f decisions/s from the %,d-comment backlog, clock (a)+(b)+(c)): **%s** (%,.0f/s%s).",
                name,
                TARGET_DECISIONS_PER_SECOND,
                n,
                rate >= TARGET_DECISIONS_PER_SECOND && spread.settled() ? "met" : "missed",
                rate,
                spread.settled() ? "" : "; (b)/(c) not reached"));
        section.verdict(String.format(
                Locale.ROOT,
                "%s: **Target** (decisions/s ≥ %.2f × raw consume+produce): **%s** (%.2f; %s).",
                name,
                TARGET_RATIO,
                ratio >= TARGET_RATIO && spread.settled() ? "met" : "missed",
                ratio,
                ratio >= TARGET_RATIO
                        ? "above the target"
                        : String.format(Locale.ROOT, "%.0f %% short", 100 * (TARGET_RATIO - ratio) / TARGET_RATIO)));
        section.verdict(String.format(
                Locale.ROOT,
                "%s: **Target** (≤ %.1f records written per decision): **%s** (%.2f).",
                name,
                TARGET_RECORDS_PER_DECISION,
                spread.written().perDecision() <= TARGET_RECORDS_PER_DECISION ? "met" : "missed",
                spread.written().perDecision()));
        if (idle == null) {
            section.verdict(name + ": **Target** (idle moderation-service + broker < "
                    + (int) TARGET_IDLE_PERCENT_OF_CORE + " % of one core): **not measured**.");
        } else {
            double percent = idle.percentOfCore(idle.system());
            section.verdict(String.format(
                    Locale.ROOT,
                    "%s: **Target** (idle moderation-service + broker < %.0f %% of one core): **%s** (%.1f %%).",
                    name,
                    TARGET_IDLE_PERCENT_OF_CORE,
                    percent < TARGET_IDLE_PERCENT_OF_CORE ? "met" : "missed",
                    percent));
        }
        if (spread.decisions() < n) {
            section.verdict(name + ": only " + spread.decisions() + " of " + n
                    + " submissions were decided within the "
                    + DRAIN_LIMIT.toMinutes() + " minute limit (or before progress stopped for "
                    + NO_PROGRESS_LIMIT.toSeconds() + " s, or before the first decision within "
                    + STARTUP_LIMIT.toMinutes() + " minutes); the rate is over those.");
        }
    }

    private void backlogTable(Section section, Backlog spread, Drain spreadDrain, Backlog viral, Drain viralDrain) {
        Table table = new Table(
                variant.name(),
                List.of("backlog over " + spread.articles().size() + " articles", "viral: one article"));
        List<Drain> drains = List.of(spreadDrain, viralDrain);
        table.row("submissions", List.of(Table.number(spread.submissions()), Table.number(viral.submissions())));
        table.row(
                "decisions seen",
                drains.stream().map(d -> Table.number(d.decisions())).toList());
        table.row(
                "first decision, s after moderation-service's start",
                drains.stream().map(d -> seconds(d.firstSeconds())).toList());
        table.row(
                "clock (a): every decision seen, s after the first",
                drains.stream().map(d -> seconds(d.allSeenSeconds())).toList());
        table.row(
                "clock (a)+(b)+(c): group caught up, no open transaction, s after the first",
                drains.stream()
                        .map(d -> seconds(d.settledSeconds()) + (d.settled() ? "" : " (not reached)"))
                        .toList());
        table.row(
                "**decisions/s** (clock (a)+(b)+(c))",
                drains.stream()
                        .map(d -> "**" + Table.number(d.perSecond()) + "**")
                        .toList());
        table.row(
                "decisions/s on clock (a) alone",
                drains.stream().map(d -> Table.number(d.perSecondSeen())).toList());
        table.row(
                "records written per decision",
                drains.stream()
                        .map(d -> Table.number(d.written().perDecision()))
                        .toList());
        for (String part : List.of("moderation-service", "kafka")) {
            table.row(
                    "CPU per decision, " + part + " (µs)",
                    drains.stream().map(d -> d.cpuMicrosPerDecision(part)).toList());
        }
        table.row(
                "target: ≥ " + Table.number(TARGET_DECISIONS_PER_SECOND) + " decisions/s",
                List.of(
                        Table.metOrMissed(
                                spreadDrain.settled() && spreadDrain.perSecond() >= TARGET_DECISIONS_PER_SECOND),
                        "-"));
        table.row(
                "target: ≤ " + TARGET_RECORDS_PER_DECISION + " records per decision",
                List.of(Table.metOrMissed(spreadDrain.written().perDecision() <= TARGET_RECORDS_PER_DECISION), "-"));
        section.table(table);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static CpuMeter meter(ProcessHandle kafka, Process moderation) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("moderation-service", moderation.pid());
        pids.put("kafka", kafka.pid());
        return new CpuMeter(pids);
    }

    // ---------------------------------------------------------------- backlog

    private record Backlog(String label, List<UUID> articles, int submissions, int averageSize, double seconds) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "- Produced the %s backlog: %,d submissions over %d article(s), average value %d bytes, in %.1f s "
                            + "(%.0f records/s by the harness's producer).",
                    label,
                    submissions,
                    articles.size(),
                    averageSize,
                    seconds,
                    submissions / Math.max(0.001, seconds));
        }
    }

    /** Publishes that many new open articles, then the submissions over them, before moderation-service runs. */
    private Backlog preload(String bootstrap, int articleCount, int submissions, String label) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024);
        EventSerializer<Event> values = new EventSerializer<>();
        Instant published = Instant.now().minus(Duration.ofHours(1));
        List<UUID> articles = new ArrayList<>();
        LongAdder bytes = new LongAdder();
        Serializer<Event> counting = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, Event data) {
                return serialize(topic, null, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, Event data) {
                byte[] value = values.serialize(topic, headers, data);
                bytes.add(value.length);
                return value;
            }
        };
        Instant started = Instant.now();
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(config, new StringSerializer(), counting)) {
            for (int i = 0; i < articleCount; i++) {
                UUID id = UUID.randomUUID();
                articles.add(id);
                send(
                        producer,
                        Topics.ARTICLE_STATE.name(),
                        new ArticleState(
                                id,
                                "Benchmark " + label + " backlog article " + i,
                                true,
                                null,
                                null,
                                1,
                                published,
                                published));
            }
            producer.flush();
            checkNothingLost();
            bytes.reset();
            Instant now = Instant.now();
            for (int i = 0; i < submissions; i++) {
                UUID article = articles.get(i % articles.size());
                send(
                        producer,
                        Topics.COMMENT_SUBMITTED.name(),
                        new CommentSubmitted(
                                UUID.randomUUID(),
                                article,
                                null,
                                label + "-reader-" + i,
                                "Backlog comment " + i + " on this story: thank you for writing it.",
                                now.plusNanos(i * 1_000L)));
            }
            producer.flush();
            checkNothingLost();
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        return new Backlog(label, List.copyOf(articles), submissions, (int) (bytes.sum() / submissions), seconds);
    }

    /** Records the harness's producer could not write; a backlog with a gap would be counted as undecided. */
    private static final java.util.concurrent.atomic.AtomicLong LOST_SENDS =
            new java.util.concurrent.atomic.AtomicLong();

    private static void send(KafkaProducer<String, Event> producer, String topic, Event event) {
        producer.send(
                new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(), event.partitionKey(), event),
                (metadata, error) -> {
                    if (error != null) {
                        LOST_SENDS.incrementAndGet();
                    }
                });
    }

    /** Fails the run loudly when a send of the backlog failed, instead of reporting its records as undecided. */
    private static void checkNothingLost() {
        long lost = LOST_SENDS.getAndSet(0);
        if (lost > 0) {
            throw new IllegalStateException("the harness's producer failed to write " + lost + " records");
        }
    }

    // ---------------------------------------------------------------- drain

    /** What moderation-service wrote: end offset growth per topic (harness topics left out) / decisions. */
    private record Written(long decisions, Map<String, Long> byTopic) {
        double perDecision() {
            long total = byTopic.values().stream().mapToLong(Long::longValue).sum();
            return total / (double) Math.max(1, decisions);
        }

        String describe() {
            String parts = byTopic.entrySet().stream()
                    .filter(entry -> entry.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(entry -> String.format(
                            Locale.ROOT, "%s %.2f", entry.getKey(), entry.getValue() / (double) Math.max(1, decisions)))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "%.2f records in all: %s", perDecision(), parts);
        }
    }

    private record Drain(
            long decisions,
            double firstSeconds,
            double allSeenSeconds,
            double settledSeconds,
            boolean settled,
            String lag,
            String progress,
            CpuMeter.Usage cpu,
            Written written) {

        /** Decisions / time from the first decision to (a)+(b)+(c) (or to giving up on it). */
        double perSecond() {
            return settledSeconds > 0 ? decisions / settledSeconds : 0;
        }

        double perSecondSeen() {
            return allSeenSeconds > 0 ? decisions / allSeenSeconds : 0;
        }

        String cpuMicrosPerDecision(String part) {
            if (cpu == null || decisions == 0) {
                return "-";
            }
            return Table.number(1e6 * cpu.parts().getOrDefault(part, 0.0) / decisions);
        }

        void describe(Section section, String label) {
            section.figure("- " + label + ": " + (settled ? "caught up: " : "**not caught up**: ") + lag);
            section.figure("- " + label + ", written per decision (end offsets; they include transaction markers): "
                    + written.describe());
            section.figure("- " + label + ", decisions/s every 10 s: " + (progress.isEmpty() ? "-" : progress));
            section.figure("- " + label + ", CPU over the clock's window: " + (cpu == null ? "-" : cpu.describe()));
        }
    }

    /**
     * Counts decisions until every one expected is seen (a), then waits until the group has caught up (b) and
     * no transaction is open (c). Times are from the first decision seen.
     */
    private static Drain drain(
            Admin admin,
            Decisions decisions,
            int expected,
            Process moderation,
            CpuMeter cpu,
            Map<TopicPartition, Long> offsetsBefore)
            throws InterruptedException {
        long started = System.nanoTime();
        long first = 0;
        long last = 0;
        long count = 0;
        long lastProgressAt = System.nanoTime();
        long windowStart = 0;
        long windowCount = 0;
        StringBuilder progress = new StringBuilder();
        CpuMeter.Sample before = null;
        while (count < expected
                && System.nanoTime() - lastProgressAt < (first == 0 ? STARTUP_LIMIT : NO_PROGRESS_LIMIT).toNanos()
                && System.nanoTime() - started < DRAIN_LIMIT.toNanos()
                && moderation.isAlive()) {
            int polled = decisions.poll();
            long now = System.nanoTime();
            if (polled == 0) {
                continue;
            }
            if (first == 0) {
                first = now;
                windowStart = now;
                before = cpu.sample();
            }
            count += polled;
            windowCount += polled;
            last = now;
            lastProgressAt = now;
            if (now - windowStart >= 10_000_000_000L) {
                progress.append(progress.isEmpty() ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%.0f", windowCount / ((now - windowStart) / 1e9)));
                windowStart = now;
                windowCount = 0;
            }
        }
        boolean complete = count >= expected;
        Lag lag = lag(admin);
        long settledAt = System.nanoTime();
        long settleDeadline = settledAt + SETTLE_LIMIT.toNanos();
        while (complete && !lag.caughtUp() && System.nanoTime() < settleDeadline && moderation.isAlive()) {
            count += decisions.poll(Duration.ofMillis(100)); // a decision seen twice would show here
            lag = lag(admin);
            settledAt = System.nanoTime();
        }
        CpuMeter.Usage usage = before == null ? null : CpuMeter.usage(before, cpu.sample());
        Written written = new Written(count, growth(offsetsBefore, endOffsets(admin)));
        return new Drain(
                count,
                first == 0 ? 0 : (first - started) / 1e9,
                first == 0 ? 0 : (last - first) / 1e9,
                first == 0 ? 0 : (settledAt - first) / 1e9,
                complete && lag.caughtUp(),
                lag.describe(),
                progress.toString(),
                usage,
                written);
    }

    /** A read_committed consumer of comments.moderated.v1 from its current end on. */
    private static final class Decisions implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        private Decisions(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        static Decisions fromEnd(String bootstrap) {
            KafkaConsumer<byte[], byte[]> consumer = decisionConsumer(bootstrap);
            return new Decisions(consumer);
        }

        int poll() {
            return poll(Duration.ofMillis(200));
        }

        int poll(Duration timeout) {
            return consumer.poll(timeout).count();
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Assigned to every partition of comments.moderated.v1 and positioned at the end (no open transaction). */
    private static KafkaConsumer<byte[], byte[]> decisionConsumer(String bootstrap) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000,
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                        16 * 1024 * 1024),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMENT_MODERATED.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, before anything more is written
        return consumer;
    }

    // ---------------------------------------------------------------- offsets

    /** (b) the group's lag per topic it has offsets for, (c) offsets not yet stable (open transactions) per topic. */
    private record Lag(Map<String, Long> groupLag, Map<String, Long> open, int partitions) {
        boolean caughtUp() {
            return !groupLag.isEmpty()
                    && groupLag.values().stream().allMatch(lag -> lag == 0)
                    && open.values().stream().allMatch(offsets -> offsets == 0);
        }

        String describe() {
            if (groupLag.isEmpty()) {
                return "group " + APPLICATION_ID + " has no committed offsets";
            }
            String group = groupLag.entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", "));
            String transactions = open.entrySet().stream()
                    .filter(entry -> entry.getValue() > 0)
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", "));
            return String.format(
                    Locale.ROOT,
                    "group %s's lag (end offset − committed offset, %d partitions) per topic it reads: %s; "
                            + "offsets behind the last stable offset (open transactions): %s",
                    APPLICATION_ID,
                    partitions,
                    group,
                    transactions.isEmpty() ? "none" : transactions);
        }
    }

    private static Lag lag(Admin admin) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata());
        Set<String> consumed =
                committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest = latestSpecs(admin);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
                get(admin.listOffsets(latest).all());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable =
                get(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all());
        Map<String, Long> groupLag = new TreeMap<>();
        Map<String, Long> open = new TreeMap<>();
        int partitions = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry : end.entrySet()) {
            TopicPartition partition = entry.getKey();
            long endOffset = entry.getValue().offset();
            if (consumed.contains(partition.topic())) {
                OffsetAndMetadata at = committed.get(partition);
                groupLag.merge(partition.topic(), endOffset - (at == null ? 0 : at.offset()), Long::sum);
                partitions++;
            }
            ListOffsetsResult.ListOffsetsResultInfo lso = stable.get(partition);
            open.merge(partition.topic(), lso == null ? 0 : endOffset - lso.offset(), Long::sum);
        }
        return new Lag(groupLag, open, partitions);
    }

    /** Every partition of every topic but Kafka's own (__consumer_offsets, __transaction_state). */
    private static Map<TopicPartition, OffsetSpec> latestSpecs(Admin admin) {
        List<String> topics = get(admin.listTopics().names()).stream()
                .filter(name -> !name.startsWith("__"))
                .toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        get(admin.describeTopics(topics).allTopicNames())
                .forEach((name, description) -> description
                        .partitions()
                        .forEach(partition ->
                                latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
        return latest;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        get(admin.listOffsets(latestSpecs(admin)).all())
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Growth of the end offsets per topic, the harness's own topics left out. */
    private static Map<String, Long> growth(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        Map<String, Long> byTopic = new TreeMap<>();
        after.forEach((partition, offset) -> {
            if (!HARNESS_TOPICS.contains(partition.topic())) {
                byTopic.merge(partition.topic(), offset - before.getOrDefault(partition, 0L), Long::sum);
            }
        });
        return byTopic;
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------- live and idle

    private record Live(
            int rate,
            long sent,
            double sendSeconds,
            long decided,
            double decideSeconds,
            long unknown,
            Latency latency,
            CpuMeter.Usage cpu) {

        void describe(Section section) {
            section.figure(String.format(
                    Locale.ROOT,
                    "- Live at %,d/s: the producer sent %,d in %.1f s (**%,.0f/s**); %,d decided (%s), "
                            + "**%,.0f decisions/s** from the first send to the last decision%s.",
                    rate,
                    sent,
                    sendSeconds,
                    sent / Math.max(0.001, sendSeconds),
                    decided,
                    decided == sent ? "all" : "**" + (sent - decided) + " not within the limit**",
                    decided / Math.max(0.001, decideSeconds),
                    unknown == 0 ? "" : "; " + unknown + " decisions on comments not sent in this run"));
            section.figure("- Live decision latency (decision seen − submittedAt, the close grace included): **"
                    + latency.summary() + "**.");
            section.figure(String.format(
                    Locale.ROOT,
                    "- Live CPU per decision: moderation-service %s µs, broker %s µs (%s).",
                    Table.number(1e6 * cpu.parts().getOrDefault("moderation-service", 0.0) / Math.max(1, decided)),
                    Table.number(1e6 * cpu.parts().getOrDefault("kafka", 0.0) / Math.max(1, decided)),
                    cpu.describe()));
        }
    }

    /** Submissions paced to the live rate for --measure, each stamped when sent; decisions timed as they are seen. */
    private Live live(String bootstrap, List<UUID> articles, Process moderation, CpuMeter cpu)
            throws InterruptedException {
        int rate = options.moderationLiveRate();
        long length = options.measure().toNanos();
        System.out.println("[bench] moderation live: " + rate + "/s for "
                + options.measure().toSeconds() + " s");
        Map<UUID, Instant> sentAt = new ConcurrentHashMap<>();
        Latency latency = new Latency();
        AtomicLong decided = new AtomicLong();
        AtomicLong unknown = new AtomicLong();
        AtomicLong lastDecision = new AtomicLong();
        AtomicBoolean reading = new AtomicBoolean(true);
        KafkaConsumer<byte[], byte[]> consumer = decisionConsumer(bootstrap);
        Thread reader = new Thread(
                () -> {
                    try {
                        while (reading.get()) {
                            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                                Instant now = Instant.now();
                                UUID id = record.value() == null ? null : DecisionWatcher.commentId(record.value());
                                Instant sent = id == null ? null : sentAt.remove(id);
                                if (sent == null) {
                                    unknown.incrementAndGet();
                                    continue;
                                }
                                latency.recordNanos(Duration.between(sent, now).toNanos());
                                decided.incrementAndGet();
                                lastDecision.set(System.nanoTime());
                            }
                        }
                    } finally {
                        consumer.close(Duration.ofSeconds(5));
                    }
                },
                "moderation-live-decisions");
        reader.setDaemon(true);
        reader.start();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                1);
        long sent = 0;
        long start;
        long sendEnd;
        CpuMeter.Sample before;
        try (KafkaProducer<String, Event> producer =
                new KafkaProducer<>(config, new StringSerializer(), new EventSerializer<>())) {
            // The topic's metadata first, so that fetching it is not in the measured window.
            producer.partitionsFor(Topics.COMMENT_SUBMITTED.name());
            before = cpu.sample();
            start = System.nanoTime();
            while (true) {
                long slot = start + sent * 1_000_000_000L / rate;
                if (slot - start >= length || !moderation.isAlive()) {
                    break;
                }
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Instant now = Instant.now();
                UUID id = UUID.randomUUID();
                sentAt.put(id, now);
                send(
                        producer,
                        Topics.COMMENT_SUBMITTED.name(),
                        new CommentSubmitted(
                                id,
                                articles.get((int) (sent % articles.size())),
                                null,
                                "live-reader-" + sent,
                                "Live comment " + sent + " on this story: thank you for writing it.",
                                now));
                sent++;
            }
            producer.flush();
            checkNothingLost();
            sendEnd = System.nanoTime();
        }
        long deadline = System.nanoTime() + LIVE_DECIDE_LIMIT.toNanos();
        while (decided.get() < sent && System.nanoTime() < deadline && moderation.isAlive()) {
            Thread.sleep(20);
        }
        CpuMeter.Usage usage = CpuMeter.usage(before, cpu.sample());
        reading.set(false);
        reader.join(10_000);
        long last = lastDecision.get();
        return new Live(
                rate,
                sent,
                (sendEnd - start) / 1e9,
                decided.get(),
                last == 0 ? 0 : (last - start) / 1e9,
                unknown.get(),
                latency,
                usage);
    }

    private CpuMeter.Usage idle(CpuMeter cpu) throws InterruptedException {
        System.out.println("[bench] moderation idle: settling for " + sizes.idleSettleSeconds() + " s");
        Thread.sleep(sizes.idleSettleSeconds() * 1000L);
        CpuMeter.Sample before = cpu.sample();
        Thread.sleep(sizes.idleSeconds() * 1000L);
        return CpuMeter.usage(before, cpu.sample());
    }

    // ---------------------------------------------------------------- the stack

    private static void createTopics(Admin admin) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            NewTopic main = new NewTopic(topic.name(), Topics.DEFAULT_PARTITIONS, (short) 1);
            if (topic.compacted()) {
                main.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(main);
            topics.add(new NewTopic(topic.deadLetterName(), Topics.DEFAULT_PARTITIONS, (short) 1));
        }
        topics.add(new NewTopic(PERF_TOPIC, Topics.DEFAULT_PARTITIONS, (short) 1));
        try {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Process startModerationService(String bootstrap) {
        Path jar = repository.resolve("moderation-service/target/moderation-service.jar");
        List<String> command = new ArrayList<>();
        command.add(variant.javaExecutable().toString());
        command.addAll(variant.jvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDirectory.resolve("logs/moderation-service.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", Integer.toString(freePort()));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put(
                "SPRING_KAFKA_STREAMS_STATE_DIR",
                dataDirectory.resolve("streams").toString());
        env.put("COMMENTS_SECURITY_JWK_SET_URI", "http://127.0.0.1:" + freePort() + "/.well-known/jwks.json");
        env.put("COMMENTS_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        env.putAll(variant.environment()); // --service-env, as the stack gives every service
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
