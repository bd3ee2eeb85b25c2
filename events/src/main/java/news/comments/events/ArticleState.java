package news.comments.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Full snapshot of an article as other services need it, published on every change to the compacted
 * topic {@link Topics#ARTICLE_STATE}. {@code version} grows with every change; a consumer that already
 * holds a higher version ignores an older snapshot. {@code updatedAt} is when this version took effect
 * (for a close it equals {@code closedAt}). {@code publishedAt} (optional, may be null) is when the article was
 * published; moderation can auto-close a thread a configured number of days after it.
 */
public record ArticleState(
        UUID articleId,
        String title,
        boolean commentsOpen,
        Instant closedAt,
        Instant autoCloseAt,
        long version,
        Instant updatedAt,
        Instant publishedAt)
        implements Event {

    public ArticleState {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!commentsOpen && closedAt == null) {
            throw new IllegalArgumentException("a closed article needs closedAt");
        }
    }

    /** A snapshot without a publication time (the field is optional and was added later). */
    public ArticleState(
            UUID articleId,
            String title,
            boolean commentsOpen,
            Instant closedAt,
            Instant autoCloseAt,
            long version,
            Instant updatedAt) {
        this(articleId, title, commentsOpen, closedAt, autoCloseAt, version, updatedAt, null);
    }

    /** Whether a comment submitted at {@code moment} falls before both the manual close and the auto-close. */
    public boolean acceptsCommentsAt(Instant moment) {
        boolean beforeManualClose = commentsOpen || moment.isBefore(closedAt);
        boolean beforeAutoClose = autoCloseAt == null || moment.isBefore(autoCloseAt);
        return beforeManualClose && beforeAutoClose;
    }

    /** The moment comments stopped being accepted, if they have by {@code moment}. */
    public Instant effectiveCloseAt(Instant moment) {
        if (!commentsOpen && !moment.isBefore(closedAt)) {
            return closedAt;
        }
        if (autoCloseAt != null && !moment.isBefore(autoCloseAt)) {
            return autoCloseAt;
        }
        return null;
    }

    @Override
    public String partitionKey() {
        return articleId.toString();
    }

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }
}
