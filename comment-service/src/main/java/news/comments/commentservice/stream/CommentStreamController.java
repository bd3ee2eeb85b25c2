package news.comments.commentservice.stream;

import java.util.UUID;
import news.comments.commentservice.article.Articles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Server-sent events of newly approved comments of one article. */
@RestController
class CommentStreamController {

    private final Articles articles;
    private final CommentWatchers watchers;

    CommentStreamController(Articles articles, CommentWatchers watchers) {
        this.articles = articles;
        this.watchers = watchers;
    }

    // No "produces" on purpose: a 404 must still be able to answer as application/problem+json.
    @GetMapping("/api/articles/{articleId}/comments/stream")
    SseEmitter stream(@PathVariable UUID articleId) {
        articles.require(articleId);
        return watchers.watch(articleId);
    }
}
