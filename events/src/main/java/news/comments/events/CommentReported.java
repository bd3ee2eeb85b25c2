package news.comments.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A reader flagged a comment. {@code reporterId} stands for who reported (a keyed hash of the reader's
 * client address or identity, never the address itself), so a threshold counts readers, not reports;
 * it is null on records written before it existed.
 */
public record CommentReported(
        UUID reportId, UUID commentId, UUID articleId, String reason, Instant reportedAt, String reporterId)
        implements Event {

    public CommentReported {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }

    /** A report that does not say who made it (as written before reporters were told apart). */
    public CommentReported(UUID reportId, UUID commentId, UUID articleId, String reason, Instant reportedAt) {
        this(reportId, commentId, articleId, reason, reportedAt, null);
    }

    @Override
    public String partitionKey() {
        return articleId.toString();
    }

    @Override
    public Instant occurredAt() {
        return reportedAt;
    }
}
