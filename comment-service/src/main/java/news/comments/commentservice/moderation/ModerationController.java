package news.comments.commentservice.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.commentservice.comment.Comment;
import news.comments.commentservice.comment.CommentRepository;
import news.comments.commentservice.common.PageQuery;
import news.comments.events.Reason;
import news.comments.web.problem.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Moderator views (declared moderator-only in config/SecurityConfig): the held queue and a comment's history. */
@RestController
class ModerationController {

    private final CommentRepository comments;
    private final DecisionRepository decisions;

    ModerationController(CommentRepository comments, DecisionRepository decisions) {
        this.comments = comments;
        this.decisions = decisions;
    }

    record QueueItem(UUID id, UUID articleId, String author, String text, List<Reason> reasons, Instant submittedAt) {

        static QueueItem of(Comment c) {
            return new QueueItem(c.id(), c.articleId(), c.author(), c.text(), c.reasons(), c.submittedAt());
        }
    }

    record Queue(List<QueueItem> items, long total, int page, int size) {}

    record History(UUID commentId, List<HistoryItem> items) {}

    @GetMapping("/api/moderation/queue")
    Queue queue(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size);
        return new Queue(
                comments.held(query).stream().map(QueueItem::of).toList(),
                comments.countHeld(),
                query.page(),
                query.size());
    }

    @GetMapping("/api/comments/{commentId}/history")
    History history(@PathVariable UUID commentId) {
        if (comments.find(commentId).isEmpty()) {
            throw ProblemException.notFound("No comment " + commentId);
        }
        return new History(commentId, decisions.history(commentId));
    }
}
