package news.comments.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A reader flagged a comment. */
public record CommentReported(
        UUID reportId,
        UUID commentId,
        UUID articleId,
        String reason,
        Instant reportedAt) implements Event {

    public CommentReported {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(reportedAt, "reportedAt");
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
