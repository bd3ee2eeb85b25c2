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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark 2: moderation-service alone against a backlog. Its own stack (broker and PostgreSQL
 * only), the contract topics created here, the backlog produced, then moderation-service started
 * by hand from the jar snapshot; decisions are counted as a read_committed consumer sees them.
 * Kafka's ProducerPerformance and ConsumerPerformance then run on the same broker.
 */
final class ModerationThroughputBenchmark {

    static final double TARGET_RATIO = 0.5;
    private static final String PERF_TOPIC = "benchmark.perf";
    private static final Duration NO_PROGRESS_LIMIT = Duration.ofSeconds(90);
    /** Until the first decision: a busy machine can take minutes to start moderation-service. */
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(10);
    /** Keeps a slow run bounded; the rate is then decisions so far / time. */
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(12);

    private final Path dataDirectory;
    private final Path repository;
    private final Sizes sizes;
    private final Variant variant;

    /** repository: the variant's jar snapshot. */
    ModerationThroughputBenchmark(Path dataDirectory, Path repository, Sizes sizes, Variant variant) {
        this.dataDirectory = dataDirectory;
        this.repository = repository;
        this.sizes = sizes;
        this.variant = variant;
    }

    /** The section's method; then each variant's {@link #run(Section)} adds its figures. */
    static Section section(Sizes sizes) {
        Section section = new Section("2. Moderation throughput");
        int n = sizes.moderationSubmissions();
        return section.method(
                "A stack of its own with only the broker (KRaft, one node, the local stack's settings) and PostgreSQL. "
                        + "The harness creates the contract topics (" + Topics.DEFAULT_PARTITIONS
                        + " partitions), publishes an open "
                        + "`ArticleState` for " + sizes.moderationArticles() + " articles, then " + n
                        + " `CommentSubmitted` "
                        + "(distinct authors and texts, spread over the articles, acks=all, idempotent). Then it starts "
                        + "moderation-service from the variant's jar snapshot with its JDK and JVM options (see the header) and counts the decisions on "
                        + "`comments.moderated.v1` with a read_committed consumer; decisions/s = decisions / (last - first decision "
                        + "seen), so start-up is left out. Then, on the same broker: ProducerPerformance (" + n
                        + " records of the "
                        + "backlog's average size, acks=all) and ConsumerPerformance (the same records; its fetch.nMsg.sec, which "
                        + "leaves out the group join). A moderation decision is one consume plus one produce, so the raw rate to "
                        + "compare with is 1 / (1/produce + 1/consume).");
    }

    void run(Section section) {
        int n = sizes.moderationSubmissions();
        section.figure("**" + variant.name() + "**");
        section.figure("");
        try (LocalStack stack = LocalStack.start(LocalStackConfig.builder(dataDirectory)
                .repositoryDirectory(repository)
                .startServices(false)
                .seed(false)
                .build())) {
            stack.postgresPid().ifPresent(OurProcesses::addDetached);
            String bootstrap = stack.kafkaBootstrapServers();
            createTopics(bootstrap);
            Instant preloadStart = Instant.now();
            int averageSize = preload(bootstrap, n);
            double preloadSeconds =
                    Duration.between(preloadStart, Instant.now()).toMillis() / 1000.0;
            section.figure(String.format(
                    Locale.ROOT,
                    "- Backlog: %d submissions, average value %d bytes, produced in %.1f s "
                            + "(%.0f records/s by the harness's producer).",
                    n,
                    averageSize,
                    preloadSeconds,
                    n / preloadSeconds));

            ProcessHandle kafka = stack.childProcesses().get(0);
            Process moderation = startModerationService(bootstrap);
            Map<String, Long> pids = new LinkedHashMap<>();
            pids.put("kafka", kafka.pid());
            pids.put("moderation-service", moderation.pid());
            CpuMeter cpu = new CpuMeter(pids);
            Drain drain;
            try {
                drain = countDecisions(bootstrap, n, moderation, cpu);
            } finally {
                stop(moderation);
            }
            section.figure(String.format(
                    Locale.ROOT,
                    "- moderation-service: %d decisions, first %.1f s after its start, "
                            + "last after %.1f s: **%.0f decisions/s**.",
                    drain.decisions(),
                    drain.firstSeconds(),
                    drain.lastSeconds(),
                    drain.perSecond()));
            section.figure("- Decisions/s every 10 s: " + drain.progress());
            section.figure("- CPU while deciding: " + drain.cpu());
            section.figure(
                    "- What moderation-service wrote to Kafka per decision (end offsets after the run / decisions; "
                            + "offsets include transaction markers): "
                            + writtenPerDecision(bootstrap, drain.decisions()));

            KafkaPerf.Run produced = KafkaPerf.produce(bootstrap, PERF_TOPIC, n, averageSize + 36);
            KafkaPerf.Run consumed = KafkaPerf.consume(bootstrap, PERF_TOPIC, n);
            double raw = 1 / (1 / produced.recordsPerSecond() + 1 / consumed.recordsPerSecond());
            double ratio = drain.perSecond() / raw;
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
                            + "moderation-service reaches **%.2f** of it.",
                    produced.recordsPerSecond(),
                    consumed.recordsPerSecond(),
                    raw,
                    ratio));
            section.figure("");
            section.verdict(String.format(
                    Locale.ROOT,
                    variant.name() + ": **Target** (decisions/s ≥ %.1f × raw consume+produce): **%s** " + "(%.2f; %s).",
                    TARGET_RATIO,
                    ratio >= TARGET_RATIO ? "met" : "missed",
                    ratio,
                    ratio >= TARGET_RATIO
                            ? "above the target"
                            : String.format(
                                    Locale.ROOT, "%.0f %% short", 100 * (TARGET_RATIO - ratio) / TARGET_RATIO)));
            if (drain.decisions() < n) {
                section.verdict(variant.name() + ": only " + drain.decisions() + " of " + n
                        + " submissions were decided within the "
                        + DRAIN_LIMIT.toMinutes() + " minute limit (or before progress stopped for "
                        + NO_PROGRESS_LIMIT.toSeconds() + " s, or before the first decision within "
                        + STARTUP_LIMIT.toMinutes() + " minutes); the rate is over those.");
            }
        }
    }

    /** Every topic but the backlog's inputs and the perf topic, by end offset per decision, largest first. */
    private static String writtenPerDecision(String bootstrap, long decisions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> inputs = Set.of(Topics.COMMENT_SUBMITTED.name(), Topics.ARTICLE_STATE.name(), PERF_TOPIC);
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> !inputs.contains(name) && !name.startsWith("__"))
                    .toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((name, description) -> description
                            .partitions()
                            .forEach(partition ->
                                    latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
            Map<String, Long> byTopic = new TreeMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((partition, offset) -> byTopic.merge(partition.topic(), offset.offset(), Long::sum));
            long total = byTopic.values().stream().mapToLong(Long::longValue).sum();
            String parts = byTopic.entrySet().stream()
                    .filter(entry -> entry.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(entry -> String.format(
                            Locale.ROOT, "%s %.2f", entry.getKey(), entry.getValue() / (double) decisions))
                    .collect(Collectors.joining(", "));
            return String.format(
                    Locale.ROOT, "%.2f records in all: %s", total / (double) Math.max(1, decisions), parts);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return "could not read the offsets: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void createTopics(String bootstrap) {
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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Produces the open articles and the backlog; returns the average serialized submission size. */
    private int preload(String bootstrap, int submissions) {
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
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(config, new StringSerializer(), counting)) {
            for (int i = 0; i < sizes.moderationArticles(); i++) {
                UUID id = UUID.randomUUID();
                articles.add(id);
                send(
                        producer,
                        Topics.ARTICLE_STATE.name(),
                        new ArticleState(id, "Backlog article " + i, true, null, null, 1, published, published));
            }
            producer.flush();
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
                                "backlog-reader-" + i,
                                "Backlog comment " + i + " on this story: thank you for writing it.",
                                now.plusNanos(i * 1_000L)));
            }
            producer.flush();
        }
        return (int) (bytes.sum() / submissions);
    }

    private static void send(KafkaProducer<String, Event> producer, String topic, Event event) {
        producer.send(
                new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(), event.partitionKey(), event));
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

    private record Drain(long decisions, double firstSeconds, double lastSeconds, String progress, String cpu) {
        double perSecond() {
            return lastSeconds > firstSeconds ? decisions / (lastSeconds - firstSeconds) : 0;
        }
    }

    private static Drain countDecisions(String bootstrap, int expected, Process moderation, CpuMeter cpu) {
        long started = System.nanoTime();
        long first = 0;
        long last = 0;
        long count = 0;
        long lastProgressAt = System.nanoTime();
        long windowStart = 0;
        long windowCount = 0;
        StringBuilder progress = new StringBuilder();
        CpuMeter.Sample before = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
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
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMENT_MODERATED.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (count < expected
                    && System.nanoTime() - lastProgressAt < (first == 0 ? STARTUP_LIMIT : NO_PROGRESS_LIMIT).toNanos()
                    && System.nanoTime() - started < DRAIN_LIMIT.toNanos()
                    && moderation.isAlive()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                if (records.isEmpty()) {
                    continue;
                }
                if (first == 0) {
                    first = now;
                    windowStart = now;
                    before = cpu.sample();
                }
                count += records.count();
                windowCount += records.count();
                last = now;
                lastProgressAt = now;
                if (now - windowStart >= 10_000_000_000L) {
                    progress.append(progress.isEmpty() ? "" : ", ")
                            .append(String.format(Locale.ROOT, "%.0f", windowCount / ((now - windowStart) / 1e9)));
                    windowStart = now;
                    windowCount = 0;
                }
            }
        }
        String cpuUse =
                before == null ? "-" : CpuMeter.usage(before, cpu.sample()).describe();
        return new Drain(
                count,
                first == 0 ? 0 : (first - started) / 1e9,
                last == 0 ? 0 : (last - started) / 1e9,
                progress.toString(),
                cpuUse);
    }
}
