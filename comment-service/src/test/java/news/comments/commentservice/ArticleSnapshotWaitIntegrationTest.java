package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import news.comments.events.ArticleState;
import org.junit.jupiter.api.Test;

/** A reader may be faster than the article's first snapshot; an article that never existed stays 404. */
class ArticleSnapshotWaitIntegrationTest extends IntegrationTestBase {

    @Test
    void aCommentPostedJustBeforeTheArticlesSnapshotArrivesIsAccepted() {
        UUID articleId = UUID.randomUUID();
        CompletableFuture<Void> snapshot = CompletableFuture.runAsync(
                () -> publish(new ArticleState(articleId, "Just published", true, null, null, 1, Instant.now())),
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));

        HttpResponse<String> response =
                post("/api/articles/" + articleId + "/comments", "{\"author\":\"Quick\",\"text\":\"First!\"}");

        snapshot.join();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        awaitStatus(UUID.fromString(json(response).get("id").asString()), "PENDING");
    }

    @Test
    void aStreamOpenedJustBeforeTheArticlesSnapshotArrivesIsOpened() throws Exception {
        UUID articleId = UUID.randomUUID();
        CompletableFuture.runAsync(
                () -> publish(new ArticleState(articleId, "Just published", true, null, null, 1, Instant.now())),
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));

        HttpRequest request = HttpRequest.newBuilder(uri("/api/articles/" + articleId + "/comments/stream"))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        try {
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            response.body().close();
        }
    }

    @Test
    void anArticleThatNeverExistedIsStill404AfterTheWaitAndNothingIsStored() {
        long before = commentCount();
        assertProblem(
                post("/api/articles/" + UUID.randomUUID() + "/comments", "{\"author\":\"A\",\"text\":\"b\"}"), 404);
        assertThat(commentCount()).isEqualTo(before);
    }
}
