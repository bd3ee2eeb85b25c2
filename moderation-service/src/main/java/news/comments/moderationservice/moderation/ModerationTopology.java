package news.comments.moderationservice.moderation;

import java.time.Duration;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentReported;
import news.comments.events.CommentSubmitted;
import news.comments.events.Topic;
import news.comments.events.Topics;
import news.comments.moderationservice.rules.RuleSetSource;
import news.comments.moderationservice.rules.RulesEngine;
import news.comments.support.tracing.Traceparents;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The moderation stream.
 *
 * <ul>
 *   <li>Article snapshots feed a versioned store; each submitted comment is judged by the article as of its
 *       submission time once its close grace is over, and exactly one automatic decision per comment goes out
 *       on {@code comments.moderated.v1}, keyed by article (docs/adr/0003-closed-means-closed.md).</li>
 *   <li>Author history per thread feeds the duplicate, flood and new-author rules
 *       (docs/adr/0006-moderation-rules.md).</li>
 *   <li>Each decided comment has a track (status, reports) that the topology writes itself as it publishes
 *       each decision: the judge's, a report hold's, and a moderator's, which the decisions endpoint requests
 *       on {@link #MODERATOR_DECISIONS_TOPIC} so that it too is published exactly once. Nothing reads
 *       {@code comments.moderated.v1} back.</li>
 * </ul>
 *
 * <p>All input topics are keyed by article id with the same partition count, so everything about one thread
 * lands in the same task.
 */
public final class ModerationTopology {

    public static final Topic<ArticleState> ARTICLE_STATE = Topics.ARTICLE_STATE;
    public static final Topic<CommentSubmitted> COMMENT_SUBMITTED = Topics.COMMENT_SUBMITTED;
    public static final Topic<CommentModerated> COMMENT_MODERATED = Topics.COMMENT_MODERATED;
    public static final Topic<CommentReported> COMMENT_REPORTED = Topics.COMMENT_REPORTED;

    /**
     * Internal to moderation-service: moderators' decisions as the decisions endpoint requested them, keyed by
     * article, to be applied and published by the topology.
     */
    public static final String MODERATOR_DECISIONS_TOPIC = "moderation.moderator-decisions.v1";

    public static final String ARTICLE_STATES_STORE = "article-states";
    public static final String PENDING_COMMENTS_STORE = "pending-comments";
    public static final String AUTHOR_HISTORY_STORE = "author-history";
    /** "-v2": the tracks moved from a key-value store to a window store, whose changelog is not compatible. */
    public static final String COMMENT_TRACKS_STORE = "comment-tracks-v2";

    /** Article snapshots kept parsed; the open threads of a busy site fit many times over. */
    private static final int RECENT_ARTICLE_STATES = 4096;

    private ModerationTopology() {}

    public static Topology build(ModerationSettings settings, RulesEngine engine, RuleSetSource rules) {
        return build(settings, engine, rules, DecisionMetrics.none(), Traceparents.noop());
    }

    public static Topology build(
            ModerationSettings settings, RulesEngine engine, RuleSetSource rules, DecisionMetrics metrics) {
        return build(settings, engine, rules, metrics, Traceparents.noop());
    }

    public static Topology build(
            ModerationSettings settings, RulesEngine engine, RuleSetSource rules, Traceparents traces) {
        return build(settings, engine, rules, DecisionMetrics.none(), traces);
    }

    public static Topology build(
            ModerationSettings settings,
            RulesEngine engine,
            RuleSetSource rules,
            DecisionMetrics metrics,
            Traceparents traces) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, settings, engine, rules, metrics, traces);
        return builder.build();
    }

    /**
     * @param traces continues each comment's trace through its judging (a span when sampled) onto its decision;
     *               the moderator decisions and report holds carry their input's {@code traceparent} on
     */
    public static void addTo(
            StreamsBuilder builder,
            ModerationSettings settings,
            RulesEngine engine,
            RuleSetSource rules,
            DecisionMetrics metrics,
            Traceparents traces) {
        Serde<ArticleState> articleStates = ARTICLE_STATE.valueSerde();
        builder.addStateStore(Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore(ARTICLE_STATES_STORE, settings.articleHistoryRetention()),
                Serdes.String(),
                Serdes.serdeFrom(
                        articleStates.serializer(),
                        new RecentValues<>(articleStates.deserializer(), RECENT_ARTICLE_STATES))));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PENDING_COMMENTS_STORE), Serdes.String(), COMMENT_SUBMITTED.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AUTHOR_HISTORY_STORE), Serdes.String(), StoreFormats.authorHistory()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(
                        COMMENT_TRACKS_STORE, settings.dedupeRetention(), Duration.ofMillis(1), false),
                Serdes.String(),
                StoreFormats.tracks()));

        builder.stream(
                        ARTICLE_STATE.name(),
                        Consumed.with(ARTICLE_STATE.keySerde(), ARTICLE_STATE.valueSerde())
                                .withName("article-states-in"))
                .process(ArticleStateRecorder::new, Named.as("record-article-state"), ARTICLE_STATES_STORE);

        KStream<String, CommentSubmitted> submitted = builder.stream(
                COMMENT_SUBMITTED.name(),
                Consumed.with(COMMENT_SUBMITTED.keySerde(), COMMENT_SUBMITTED.valueSerde())
                        .withName("comments-submitted-in"));
        submitted
                .process(
                        () -> new CommentJudge(settings, engine, rules, metrics, traces),
                        Named.as("judge-comment"),
                        ARTICLE_STATES_STORE,
                        PENDING_COMMENTS_STORE,
                        AUTHOR_HISTORY_STORE,
                        COMMENT_TRACKS_STORE)
                .to(
                        COMMENT_MODERATED.name(),
                        Produced.with(COMMENT_MODERATED.keySerde(), COMMENT_MODERATED.valueSerde())
                                .withName("comments-moderated-out"));
        builder.stream(
                        MODERATOR_DECISIONS_TOPIC,
                        Consumed.with(COMMENT_MODERATED.keySerde(), COMMENT_MODERATED.valueSerde())
                                .withName("moderator-decisions-in"))
                .process(
                        ModeratorDecisions::new,
                        Named.as("apply-moderator-decisions"),
                        COMMENT_TRACKS_STORE,
                        AUTHOR_HISTORY_STORE)
                .peek((article, decision) -> metrics.published(DecisionMetrics.Source.MODERATOR, decision))
                .to(
                        COMMENT_MODERATED.name(),
                        Produced.with(COMMENT_MODERATED.keySerde(), COMMENT_MODERATED.valueSerde())
                                .withName("moderator-decisions-out"));

        builder.stream(
                        COMMENT_REPORTED.name(),
                        Consumed.with(COMMENT_REPORTED.keySerde(), COMMENT_REPORTED.valueSerde())
                                .withName("comments-reported-in"))
                .process(() -> new ReportWatcher(rules), Named.as("watch-reports"), COMMENT_TRACKS_STORE)
                .peek((article, decision) -> metrics.published(DecisionMetrics.Source.REPORTS, decision))
                .to(
                        COMMENT_MODERATED.name(),
                        Produced.with(COMMENT_MODERATED.keySerde(), COMMENT_MODERATED.valueSerde())
                                .withName("report-holds-out"));
    }
}
