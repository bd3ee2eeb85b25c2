package news.comments.commentservice.comment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * How many approved comments a thread has, counted a moment ago. Counting is a scan of the thread's whole
 * index range, so a viral thread read page after page would count its ten thousand comments for every
 * page; here it counts them once per {@code ttl}. A decision landed by this instance forgets its thread at
 * once; one landed by another instance shows in the total within {@code ttl}. {@code ttl} zero counts every
 * time.
 */
@Component
public class ThreadTotals {

    private final CommentRepository comments;
    private final Cache<UUID, Long> totals;

    ThreadTotals(CommentRepository comments, ThreadTotalsProperties properties) {
        Duration ttl = properties.totalTtl();
        long size = properties.totalCacheSize();
        this.comments = comments;
        this.totals = ttl.isZero()
                ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size).build();
    }

    public long approved(UUID articleId) {
        return totals == null ? comments.countApproved(articleId) : totals.get(articleId, comments::countApproved);
    }

    /** Comments of these threads were approved or stopped being approved (call after the commit). */
    public void forget(Collection<UUID> articleIds) {
        if (totals != null) {
            totals.invalidateAll(articleIds);
        }
    }
}
