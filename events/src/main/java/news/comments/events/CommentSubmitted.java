package news.comments.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A reader's comment as accepted by comment-service, waiting for a decision. */
public record CommentSubmitted(
        UUID commentId, UUID articleId, UUID parentId, String author, String text, Instant submittedAt)
        implements Event {

    public CommentSubmitted {
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    @Override
    public String partitionKey() {
        return articleId.toString();
    }

    @Override
    public Instant occurredAt() {
        return submittedAt;
    }
}
