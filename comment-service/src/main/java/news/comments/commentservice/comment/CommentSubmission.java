package news.comments.commentservice.comment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.comments.commentservice.common.Timestamps;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;
import news.comments.events.Topics;
import news.comments.support.outbox.Outbox;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepts a reader's comment: stores it as PENDING and records CommentSubmitted in the same transaction. */
@Service
public class CommentSubmission {

    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final CommentRepository comments;
    private final CommentIds ids;
    private final Outbox outbox;
    private final Clock clock;

    CommentSubmission(CommentRepository comments, CommentIds ids, Outbox outbox, Clock clock) {
        this.comments = comments;
        this.ids = ids;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param article the article as the door saw it (ADR 3: the first gate; moderation judges by the state
     *                as of the comment's submission time)
     * @return the id of the stored comment (the first one, for a retried request with the same key)
     */
    @Transactional
    public UUID submit(ArticleState article, NewComment request, String idempotencyKey) {
        checkKey(idempotencyKey);
        UUID articleId = article.articleId();
        Instant now = Timestamps.truncate(clock.instant());
        if (!article.acceptsCommentsAt(now)) {
            // A retry of a comment accepted before the close still gets that comment back.
            Comment earlier = earlier(idempotencyKey).orElse(null);
            if (earlier != null) {
                return replay(earlier, articleId, request);
            }
            if (request.parentId() != null && !comments.existsInArticle(request.parentId(), articleId)) {
                throw foreignParent(request, articleId);
            }
            throw new ProblemException(
                    ProblemType.COMMENTS_CLOSED,
                    "Article " + articleId + " stopped taking comments at " + article.effectiveCloseAt(now) + ".");
        }
        Comment comment = new Comment(
                ids.next(now),
                articleId,
                request.parentId(),
                request.author(),
                request.text(),
                CommentStatus.PENDING,
                List.of(),
                now);
        if (!comments.insert(comment, idempotencyKey)) {
            // Either the key is taken (a retry, or a concurrent one that committed first: answer with its
            // comment) or the parent is not a comment of this article.
            Comment earlier = earlier(idempotencyKey).orElse(null);
            if (earlier != null) {
                return replay(earlier, articleId, request);
            }
            if (request.parentId() == null) {
                throw new IllegalStateException("idempotency key conflict without a row");
            }
            throw foreignParent(request, articleId);
        }
        outbox.publish(
                Topics.COMMENT_SUBMITTED,
                new CommentSubmitted(
                        comment.id(),
                        articleId,
                        comment.parentId(),
                        comment.author(),
                        comment.text(),
                        comment.submittedAt()));
        return comment.id();
    }

    private Optional<Comment> earlier(String idempotencyKey) {
        return idempotencyKey == null ? Optional.empty() : comments.findByIdempotencyKey(idempotencyKey);
    }

    private static ProblemException foreignParent(NewComment request, UUID articleId) {
        return ProblemException.badRequest(
                "parentId " + request.parentId() + " is not a comment of article " + articleId);
    }

    private static UUID replay(Comment earlier, UUID articleId, NewComment request) {
        if (!earlier.sameAs(articleId, request)) {
            throw new ProblemException(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different comment; use a new key for a new comment.");
        }
        return earlier.id();
    }

    private static void checkKey(String key) {
        if (key == null) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw ProblemException.badRequest(
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters and not blank");
        }
        if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw ProblemException.badRequest("Idempotency-Key must be printable ASCII");
        }
    }
}
