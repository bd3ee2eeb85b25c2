package news.comments.articleservice.article;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import news.comments.web.problem.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The article part of the public API. Moderator-only calls are declared in the security config. */
@RestController
@RequestMapping("/api/articles")
public class ArticleController {

    static final int MAX_PAGE_SIZE = 100;

    private final ArticleService service;

    public ArticleController(ArticleService service) {
        this.service = service;
    }

    @GetMapping
    public ArticlePage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw ProblemException.badRequest("page must be 0 or more, was " + page + ".");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size + ".");
        }
        return service.page(page, size);
    }

    @GetMapping("/{articleId}")
    public ArticleResponse get(@PathVariable UUID articleId) {
        return view(service.get(articleId));
    }

    @PostMapping
    public ResponseEntity<ArticleResponse> create(
            @Valid @RequestBody NewArticleRequest request, @AuthenticationPrincipal Jwt moderator) {
        ArticleResponse created = view(service.publish(request, moderator.getSubject()));
        return ResponseEntity.created(URI.create("/api/articles/" + created.id()))
                .body(created);
    }

    @PostMapping("/{articleId}/close")
    public ArticleResponse close(
            @PathVariable UUID articleId,
            @Valid @RequestBody(required = false) CloseRequest request,
            @AuthenticationPrincipal Jwt moderator) {
        String reason = request == null ? null : request.reason();
        return view(service.close(articleId, moderator.getSubject(), reason));
    }

    @PostMapping("/{articleId}/reopen")
    public ArticleResponse reopen(@PathVariable UUID articleId) {
        return view(service.reopen(articleId));
    }

    private ArticleResponse view(CountedArticle article) {
        return ArticleResponse.of(article, service.now());
    }
}
