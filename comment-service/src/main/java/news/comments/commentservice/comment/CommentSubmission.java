package news.comments.commentservice.comment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.commentservice.article.Articles;
import news.comments.commentservice.common.Timestamps;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;
import news.comments.events.Topics;
import news.comments.support.outbox.Outbox;
import news.comments.support.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepts a reader's comment: stores it as PENDING and records CommentSubmitted in the same transaction. */
@Service
public class CommentSubmission {

    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final CommentRepository comments;
    private final Articles articles;
    private final Outbox outbox;
    private final Clock clock;

    CommentSubmission(CommentRepository comments, Articles articles, Outbox outbox, Clock clock) {
        this.comments = comments;
        this.articles = articles;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @return the id of the stored comment (the first one, for a retried request with the same key) */
    @Transactional
    public UUID submit(UUID articleId, NewComment request, String idempotencyKey) {
        checkKey(idempotencyKey);
        if (idempotencyKey != null) {
            var earlier = comments.findByIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), articleId, request);
            }
        }
        ArticleState article = articles.requireNow(articleId);
        if (request.parentId() != null && !comments.existsInArticle(request.parentId(), articleId)) {
            throw ProblemException.badRequest("parentId " + request.parentId() + " is not a comment of article " + articleId);
        }
        Instant now = Timestamps.truncate(clock.instant());
        if (!article.acceptsCommentsAt(now)) {
            throw new ProblemException(HttpStatus.CONFLICT, "comments-closed", "Comments are closed.",
                    "Article " + articleId + " stopped taking comments at " + article.effectiveCloseAt(now) + ".");
        }
        Comment comment = new Comment(UUID.randomUUID(), articleId, request.parentId(), request.author(),
                request.text(), CommentStatus.PENDING, List.of(), now);
        if (!comments.insert(comment, idempotencyKey)) {
            // A concurrent retry with the same key committed first: answer with its comment.
            Comment winner = comments.findByIdempotencyKey(idempotencyKey)
                    .orElseThrow(() -> new IllegalStateException("idempotency key conflict without a row"));
            return replay(winner, articleId, request);
        }
        outbox.publish(Topics.COMMENT_SUBMITTED, new CommentSubmitted(comment.id(), articleId, comment.parentId(),
                comment.author(), comment.text(), comment.submittedAt()));
        return comment.id();
    }

    private static UUID replay(Comment earlier, UUID articleId, NewComment request) {
        if (!earlier.sameAs(articleId, request)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency key reused",
                    "This Idempotency-Key was already used for a different comment; use a new key for a new comment.");
        }
        return earlier.id();
    }

    private static void checkKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters and not blank");
        }
        if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw ProblemException.badRequest("Idempotency-Key must be printable ASCII");
        }
    }
}
