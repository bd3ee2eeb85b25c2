package news.comments.articleservice.article;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import news.comments.events.ArticleState;

/**
 * An article and its comment policy. {@code closedAt} is a moderator's close, {@code autoCloseAt} a
 * scheduled one; comments are open only while neither has happened. Every change returns a new
 * instance with {@code version} one higher and {@code updatedAt} set to the moment of the change.
 */
public record Article(
        UUID id,
        String title,
        String body,
        Instant publishedAt,
        String createdBy,
        Instant closedAt,
        String closedBy,
        String closeReason,
        Instant autoCloseAt,
        long version,
        Instant updatedAt) {

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A freshly published article, version 1. */
    public static Article publish(
            UUID id, String title, String body, Instant autoCloseAt, String createdBy, Instant now) {
        return new Article(id, title, body, now, createdBy, null, null, null, autoCloseAt, 1, now);
    }

    public boolean closedManually() {
        return closedAt != null;
    }

    /** Open unless a moderator closed it or its auto-close moment has been reached. */
    public boolean commentsOpenAt(Instant now) {
        return closedAt == null && (autoCloseAt == null || now.isBefore(autoCloseAt));
    }

    public Article close(Instant now, String moderator, String reason) {
        return new Article(
                id, title, body, publishedAt, createdBy, now, moderator, reason, autoCloseAt, version + 1, now);
    }

    /**
     * Opens the thread again. An auto-close date that has already passed is dropped as well, otherwise
     * the reopened thread would still be closed; a future one is kept.
     */
    public Article reopen(Instant now) {
        Instant keptAutoClose = autoCloseAt != null && now.isBefore(autoCloseAt) ? autoCloseAt : null;
        return new Article(id, title, body, publishedAt, createdBy, null, null, null, keptAutoClose, version + 1, now);
    }

    /**
     * The snapshot other services keep. {@code commentsOpen} there reflects the manual state only (a
     * closed snapshot must carry {@code closedAt}); the auto-close travels as {@code autoCloseAt} and
     * consumers judge it with {@link ArticleState#acceptsCommentsAt}.
     */
    public ArticleState toState() {
        return new ArticleState(id, title, closedAt == null, closedAt, autoCloseAt, version, updatedAt, publishedAt);
    }
}
