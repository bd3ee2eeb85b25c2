package news.comments.commentservice.comment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import news.comments.events.Reason;

/** A stored comment. {@code reasons} are those of the decision that set the current status. */
public record Comment(
        UUID id,
        UUID articleId,
        UUID parentId,
        String author,
        String text,
        CommentStatus status,
        List<Reason> reasons,
        Instant submittedAt) {

    /** Whether {@code request} asks for exactly this comment (same article, author, text and parent). */
    public boolean sameAs(UUID otherArticleId, NewComment request) {
        return articleId.equals(otherArticleId)
                && author.equals(request.author())
                && text.equals(request.text())
                && Objects.equals(parentId, request.parentId());
    }
}
