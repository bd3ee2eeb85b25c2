package news.comments.benchmark;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The few public API calls the benchmarks need, through the gateway (or straight at a service). */
final class GatewayApi {

    private final Http http = new Http();
    private final URI base;
    private final String token;

    GatewayApi(URI base, String moderatorUser, String moderatorPassword) {
        this.base = base;
        this.token = Http.expect(
                        http.send(Http.postJson(
                                base.resolve("/api/auth/token"),
                                Map.of("username", moderatorUser, "password", moderatorPassword),
                                null)),
                        200)
                .get("access_token")
                .asString();
    }

    URI base() {
        return base;
    }

    /**
     * Creates an article and waits until comment-service knows it (its copy arrives over Kafka). Set-up, not
     * measured: a just-started (cold) stack may time out at first, so a 5xx is tried again a few times.
     */
    String createArticle(String title) {
        HttpRequest create = Http.postJson(
                base.resolve("/api/articles"), Map.of("title", title, "body", "Benchmark article"), token);
        HttpResponse<String> created = http.send(create);
        for (int attempt = 1; created.statusCode() >= 500 && attempt < 6; attempt++) {
            System.out.println("[bench] creating an article answered " + created.statusCode() + "; trying again");
            sleep(2_000);
            created = http.send(create);
        }
        String id = Http.expect(created, 201).get("id").asString();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (http.send(Http.get(commentsPage(base, id, 0, 1))).statusCode() != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("comment-service did not learn article " + id + " within 60 s");
            }
            sleep(50);
        }
        return id;
    }

    HttpRequest closeArticle(String articleId) {
        return Http.postJson(
                base.resolve("/api/articles/" + articleId + "/close"), Map.of("reason", "benchmark"), token);
    }

    static HttpRequest postComment(URI base, String articleId, String author, String text) {
        return Http.postJson(
                base.resolve("/api/articles/" + articleId + "/comments"), Map.of("author", author, "text", text), null);
    }

    static URI commentsPage(URI base, String articleId, int page, int size) {
        return base.resolve("/api/articles/" + articleId + "/comments?page=" + page + "&size=" + size);
    }

    static URI comment(URI base, String commentId) {
        return base.resolve("/api/comments/" + commentId);
    }

    Http http() {
        return http;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
