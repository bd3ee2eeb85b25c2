package news.comments.commentservice.comment;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import news.comments.commentservice.article.Articles;
import news.comments.commentservice.common.PageQuery;
import news.comments.events.ArticleState;
import news.comments.web.problem.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CommentController {

    private final CommentSubmission submission;
    private final CommentRepository comments;
    private final ThreadTotals threadTotals;
    private final Articles articles;
    private final Clock clock;

    CommentController(
            CommentSubmission submission,
            CommentRepository comments,
            ThreadTotals threadTotals,
            Articles articles,
            Clock clock) {
        this.submission = submission;
        this.comments = comments;
        this.threadTotals = threadTotals;
        this.articles = articles;
        this.clock = clock;
    }

    @PostMapping("/api/articles/{articleId}/comments")
    ResponseEntity<CommentViews.Accepted> post(
            @PathVariable UUID articleId,
            @Valid @RequestBody NewComment body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        // Outside the submission's transaction: waiting for a just-published article holds no connection.
        ArticleState article = articles.require(articleId);
        UUID id = submission.submit(article, body, idempotencyKey);
        return ResponseEntity.accepted()
                .location(URI.create("/api/comments/" + id))
                .body(new CommentViews.Accepted(id, CommentStatus.PENDING.name()));
    }

    /**
     * A page of the thread: by number ({@code page}, cheap near the top only) or after the {@code next} of
     * the page before ({@code after}, as cheap anywhere in the thread).
     */
    @GetMapping("/api/articles/{articleId}/comments")
    CommentViews.Page list(
            @PathVariable UUID articleId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String after) {
        if (page != null && after != null) {
            throw ProblemException.badRequest("give page or after, not both");
        }
        PageQuery query = PageQuery.of(page, size);
        ThreadCursor cursor = after == null ? null : ThreadCursor.parse(after);
        ArticleState article = articles.require(articleId);
        CommentRepository.ThreadPage thread = cursor == null
                ? comments.approvedThread(articleId, query)
                : comments.approvedThread(articleId, cursor, query.size());
        var items = thread.comments().stream().map(CommentViews.Item::of).toList();
        return new CommentViews.Page(
                articleId,
                article.acceptsCommentsAt(clock.instant()),
                threadTotals.approved(articleId),
                cursor == null ? query.page() : null,
                query.size(),
                items,
                thread.next() == null ? null : thread.next().toString());
    }

    @GetMapping("/api/comments/{commentId}")
    CommentViews.Details get(@PathVariable UUID commentId) {
        return comments.find(commentId)
                .map(CommentViews.Details::of)
                .orElseThrow(() -> ProblemException.notFound("No comment " + commentId));
    }
}
