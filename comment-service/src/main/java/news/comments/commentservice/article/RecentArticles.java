package news.comments.commentservice.article;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import news.comments.events.ArticleState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Article states read from the local copy a moment ago, so a burst of comments on one article costs one
 * read of the copy instead of one per request. A snapshot stored by this instance's listener drops its
 * article at once; one stored by another instance (its partition) is seen here within {@code ttl}.
 * That staleness is harmless both ways: a thread closed elsewhere but still "open" here is caught by
 * moderation's as-of lookup and close grace (ADR 3: the door is only the first gate), and a reopened
 * thread is refused for at most {@code ttl}. {@code ttl} zero turns the cache off.
 */
@Component
class RecentArticles {

    private final Cache<UUID, ArticleState> states;

    @Autowired
    RecentArticles(ArticleCopyProperties properties) {
        this(properties.cacheTtl(), properties.cacheSize());
    }

    RecentArticles(Duration ttl, long size) {
        this.states = ttl.isZero()
                ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size).build();
    }

    /**
     * The cached state, or what {@code load} finds (kept for next time). A missing article is not
     * remembered, so its first snapshot is seen at once.
     */
    Optional<ArticleState> get(UUID articleId, Function<UUID, Optional<ArticleState>> load) {
        if (states == null) {
            return load.apply(articleId);
        }
        // Loads run inside the cache's per-key lock, so a forget() arriving mid-load waits and then wins.
        return Optional.ofNullable(states.get(articleId, id -> load.apply(id).orElse(null)));
    }

    /** The local copy of this article changed (or may have): read it afresh next time. */
    void forget(UUID articleId) {
        if (states != null) {
            states.invalidate(articleId);
        }
    }
}
