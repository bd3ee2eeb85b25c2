package news.comments.gateway.ui;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The web pages for readers and moderators. Each page is a static HTML shell; its script (under
 * /assets/, served by Boot's static resource handling from classpath:/static/) calls the public API.
 * The pages live at clean URLs, so they are routed here rather than exposed by file name.
 */
@Configuration(proxyBeanMethods = false)
public class WebUiRoutes {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final Resource listPage = new ClassPathResource("static/list.html");

    private final Resource articlePage = new ClassPathResource("static/article.html");

    private final Resource moderationPage = new ClassPathResource("static/moderation.html");

    @Bean
    RouterFunction<ServerResponse> webUiPages() {
        return RouterFunctions.route()
                .GET("/", request -> page(this.listPage))
                .GET("/articles/{articleId}", this::article)
                .GET("/moderation", request -> page(this.moderationPage))
                .build();
    }

    private Mono<ServerResponse> article(ServerRequest request) {
        String articleId = request.pathVariable("articleId");
        try {
            UUID.fromString(articleId);
        } catch (IllegalArgumentException notAnId) {
            // Article ids are UUIDs: anything else is a page that cannot exist.
            return Mono.error(new ProblemException(ProblemType.NOT_FOUND, "There is no article " + articleId + "."));
        }
        return page(this.articlePage);
    }

    private static Mono<ServerResponse> page(Resource page) {
        // Always revalidated: a deployment must never leave a reader with an old shell and new scripts.
        return ServerResponse.ok()
                .contentType(HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(page);
    }
}
