package news.comments.commentservice.comment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.events.Reason;

/** The JSON shapes comment-service answers with. */
public final class CommentViews {

    private CommentViews() {}

    public record Accepted(UUID id, String status) {}

    /** One approved comment as readers see it (list item and stream event alike). */
    public record Item(UUID id, UUID parentId, String author, String text, Instant createdAt) {

        public static Item of(Comment comment) {
            return new Item(comment.id(), comment.parentId(), comment.author(), comment.text(), comment.submittedAt());
        }
    }

    /**
     * One page of a thread. {@code page} is there when the page was asked for by number; {@code next}, when
     * more comments follow, is the {@code after} value that asks for them.
     */
    public record Page(
            UUID articleId,
            boolean commentsOpen,
            long total,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer page,
            int size,
            List<Item> comments,
            @JsonInclude(JsonInclude.Include.NON_NULL) String next) {}

    /** A comment's status; author, text and parent only once it is approved. */
    public record Details(
            UUID id,
            UUID articleId,
            CommentStatus status,
            List<Reason> reasons,
            Instant submittedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) UUID parentId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String author,
            @JsonInclude(JsonInclude.Include.NON_NULL) String text) {

        public static Details of(Comment c) {
            boolean visible = c.status() == CommentStatus.APPROVED;
            return new Details(
                    c.id(),
                    c.articleId(),
                    c.status(),
                    c.reasons(),
                    c.submittedAt(),
                    visible ? c.parentId() : null,
                    visible ? c.author() : null,
                    visible ? c.text() : null);
        }
    }
}
