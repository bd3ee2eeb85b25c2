package news.comments.moderationservice.moderation;

import news.comments.events.ArticleState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every article's state history in a versioned store, each snapshot valid from its
 * {@code updatedAt} (for a close that is {@code closedAt}), so a comment can be judged by the state
 * as of its own submission time.
 */
final class ArticleStateRecorder implements Processor<String, ArticleState, Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(ArticleStateRecorder.class);

    private VersionedKeyValueStore<String, ArticleState> articles;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        articles = context.getStateStore(ModerationTopology.ARTICLE_STATES_STORE);
    }

    @Override
    public void process(Record<String, ArticleState> record) {
        ArticleState state = record.value();
        if (state == null) {
            // A tombstone: the article is gone from this moment on.
            if (record.key() != null) {
                articles.delete(record.key(), record.timestamp());
            }
            return;
        }
        String key = state.articleId().toString();
        long validFrom = state.updatedAt().toEpochMilli();
        VersionedRecord<ArticleState> latest = articles.get(key);
        if (latest != null && state.version() <= latest.value().version() && validFrom >= latest.timestamp()) {
            // A stale or repeated snapshot must not replace a newer one. (An older snapshot that arrives
            // late with an older updatedAt still goes into the history at its own time, where it belongs.)
            log.debug(
                    "Ignoring article {} version {}: version {} is held",
                    key,
                    state.version(),
                    latest.value().version());
            return;
        }
        if (articles.put(key, state, validFrom) == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
            log.warn(
                    "Article {} version {} is older than the history retention and was not stored",
                    key,
                    state.version());
        }
    }
}
