package news.comments.moderationservice.moderation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentReported;
import news.comments.events.CommentSubmitted;
import news.comments.events.EventDeserializer;
import news.comments.events.EventSerializer;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.moderationservice.rules.RulesEngine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.springframework.util.FileSystemUtils;

/** The moderation topology in a TopologyTestDriver, with a mock wall clock and a recording dead-letter recoverer. */
final class ModerationDriver implements AutoCloseable {

    static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

    final TopologyTestDriver driver;
    private final org.apache.kafka.streams.Topology topology;
    final ModerationSettings settings;
    final List<ConsumerRecord<?, ?>> deadLetters = new CopyOnWriteArrayList<>();
    private Duration elapsed = Duration.ZERO;
    private final TestInputTopic<String, ArticleState> articles;
    private final TestInputTopic<String, CommentSubmitted> comments;
    private final TestInputTopic<String, byte[]> rawComments;
    private final TestOutputTopic<String, CommentModerated> decisions;
    private final TestInputTopic<String, CommentModerated> moderatorDecisions;
    private final TestInputTopic<String, CommentReported> reports;
    final AtomicReference<RuleSet> rules;

    private final Path stateDir;

    ModerationDriver(ModerationSettings settings, RuleSet rules) {
        this(settings, rules, DecisionMetrics.none(), news.comments.support.tracing.Traceparents.noop());
    }

    ModerationDriver(ModerationSettings settings, RuleSet rules, DecisionMetrics metrics) {
        this(settings, rules, metrics, news.comments.support.tracing.Traceparents.noop());
    }

    ModerationDriver(ModerationSettings settings, RuleSet rules, news.comments.support.tracing.Traceparents traces) {
        this(settings, rules, DecisionMetrics.none(), traces);
    }

    ModerationDriver(
            ModerationSettings settings,
            RuleSet rules,
            DecisionMetrics metrics,
            news.comments.support.tracing.Traceparents traces) {
        this.settings = settings;
        this.stateDir = newStateDir();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "moderation-service-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                RecoveringDeserializationExceptionHandler.class);
        ConsumerRecordRecoverer recoverer = (record, exception) -> deadLetters.add(record);
        config.put(RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER, recoverer);

        this.rules = new AtomicReference<>(rules);
        topology = ModerationTopology.build(settings, RulesEngine.standard(), this.rules::get, metrics, traces);
        driver = new TopologyTestDriver(topology, config, START);
        articles = driver.createInputTopic(
                ModerationTopology.ARTICLE_STATE.name(), new StringSerializer(), new EventSerializer<>());
        comments = driver.createInputTopic(
                ModerationTopology.COMMENT_SUBMITTED.name(), new StringSerializer(), new EventSerializer<>());
        rawComments = driver.createInputTopic(
                ModerationTopology.COMMENT_SUBMITTED.name(), new StringSerializer(), new ByteArraySerializer());
        moderatorDecisions = driver.createInputTopic(
                ModerationTopology.MODERATOR_DECISIONS_TOPIC, new StringSerializer(), new EventSerializer<>());
        reports = driver.createInputTopic(
                ModerationTopology.COMMENT_REPORTED.name(), new StringSerializer(), new EventSerializer<>());
        decisions = driver.createOutputTopic(
                ModerationTopology.COMMENT_MODERATED.name(),
                new StringDeserializer(),
                new EventDeserializer<>(CommentModerated.class));
    }

    void article(ArticleState state) {
        articles.pipeInput(state.articleId().toString(), state, state.updatedAt());
    }

    void comment(CommentSubmitted comment) {
        comments.pipeInput(comment.articleId().toString(), comment, comment.submittedAt());
    }

    /** A submitted comment with these record headers (as the outbox relay sends it, with its traceparent). */
    void comment(CommentSubmitted comment, org.apache.kafka.common.header.Headers headers) {
        comments.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(
                comment.articleId().toString(), comment, headers, comment.submittedAt()));
    }

    /**
     * A moderator's decision as the decisions endpoint requests it; returns what the topology published for it
     * (and only that: decisions published before it must have been read).
     */
    List<TestRecord<String, CommentModerated>> decision(CommentModerated decision) {
        moderatorDecisions.pipeInput(decision.articleId().toString(), decision, decision.decidedAt());
        return decisions();
    }

    void report(CommentReported report) {
        reports.pipeInput(report.articleId().toString(), report, report.reportedAt());
    }

    /** The topics the topology reads. */
    java.util.Set<String> sourceTopics() {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        topology.describe()
                .subtopologies()
                .forEach(sub -> sub.nodes().forEach(node -> {
                    if (node instanceof org.apache.kafka.streams.TopologyDescription.Source source) {
                        topics.addAll(source.topicSet());
                    }
                }));
        return topics;
    }

    void garbage(String key, byte[] value) {
        rawComments.pipeInput(key, value, now());
    }

    Instant now() {
        return START.plus(elapsed);
    }

    void advance(Duration duration) {
        elapsed = elapsed.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    /** Advances past the close grace, so every comment submitted up to now is due. */
    void passGrace() {
        advance(settings.closeGrace().plus(settings.punctuateInterval()));
    }

    List<TestRecord<String, CommentModerated>> decisions() {
        return decisions.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
        FileSystemUtils.deleteRecursively(stateDir.toFile());
    }

    /**
     * The test driver checkpoints (and fsyncs) its stores after every record; on a RAM disk, where there is
     * one, that costs nothing, so the race test stays fast.
     */
    private static Path newStateDir() {
        try {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "moderation-test")
                    : Files.createTempDirectory("moderation-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
