package news.comments.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A comment's status changed, as its owner (comment-service) applied it. Published only when the status
 * really changes, so a consumer that keeps the latest status per comment is exactly in step with
 * comment-service. {@code version} grows by one with every change of one comment, so a consumer can drop
 * a copy older than what it already holds (a replay, a redelivery).
 *
 * @param previousStatus null when the comment was still pending
 */
public record CommentStatusChanged(
        UUID commentId, UUID articleId, Decision status, Decision previousStatus, long version, Instant changedAt)
        implements Event {

    public CommentStatusChanged {
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(changedAt, "changedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    @Override
    public String partitionKey() {
        return articleId.toString();
    }

    @Override
    public Instant occurredAt() {
        return changedAt;
    }
}
