package news.comments.moderationservice.moderation;

import java.time.Duration;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentSubmitted;
import news.comments.events.Topic;
import news.comments.events.Topics;
import news.comments.moderationservice.rules.RuleSetSource;
import news.comments.moderationservice.rules.RulesEngine;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The moderation stream: article snapshots feed a versioned store, each submitted comment is judged by
 * the article as of its submission time once its close grace is over, and exactly one automatic
 * decision per comment goes out on {@code comments.moderated.v1}, keyed by article.
 *
 * <p>Both input topics are keyed by article id with the same partition count, so an article's state and
 * its comments land in the same task.
 */
public final class ModerationTopology {

    public static final Topic<ArticleState> ARTICLE_STATE = Topics.ARTICLE_STATE;
    public static final Topic<CommentSubmitted> COMMENT_SUBMITTED = Topics.COMMENT_SUBMITTED;
    public static final Topic<CommentModerated> COMMENT_MODERATED = Topics.COMMENT_MODERATED;

    /** Article state history, keyed by article id, each version valid from its updatedAt. */
    public static final String ARTICLE_STATES_STORE = "article-states";
    /** Comments waiting for their close grace to pass, keyed by submission time then comment id. */
    public static final String PENDING_COMMENTS_STORE = "pending-comments";
    /** Comment ids already taken in, to drop redelivered submissions. */
    public static final String SEEN_COMMENTS_STORE = "seen-comments";

    private ModerationTopology() {
    }

    public static Topology build(ModerationSettings settings, RulesEngine engine, RuleSetSource rules) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, settings, engine, rules);
        return builder.build();
    }

    public static void addTo(StreamsBuilder builder, ModerationSettings settings, RulesEngine engine,
            RuleSetSource rules) {
        builder.addStateStore(Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore(ARTICLE_STATES_STORE, settings.articleHistoryRetention()),
                Serdes.String(), ARTICLE_STATE.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PENDING_COMMENTS_STORE),
                Serdes.String(), COMMENT_SUBMITTED.valueSerde()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_COMMENTS_STORE, settings.dedupeRetention(), Duration.ofMillis(1),
                        false),
                Serdes.String(), Serdes.Long()));

        builder.stream(ARTICLE_STATE.name(),
                        Consumed.with(ARTICLE_STATE.keySerde(), ARTICLE_STATE.valueSerde()).withName("article-states-in"))
                .process(ArticleStateRecorder::new, Named.as("record-article-state"), ARTICLE_STATES_STORE);

        builder.stream(COMMENT_SUBMITTED.name(),
                        Consumed.with(COMMENT_SUBMITTED.keySerde(), COMMENT_SUBMITTED.valueSerde())
                                .withName("comments-submitted-in"))
                .process(() -> new CommentJudge(settings, engine, rules), Named.as("judge-comment"),
                        ARTICLE_STATES_STORE, PENDING_COMMENTS_STORE, SEEN_COMMENTS_STORE)
                .to(COMMENT_MODERATED.name(),
                        Produced.with(COMMENT_MODERATED.keySerde(), COMMENT_MODERATED.valueSerde())
                                .withName("comments-moderated-out"));
    }
}
