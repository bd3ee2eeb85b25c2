package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import news.comments.events.ArticleState;
import org.junit.jupiter.api.Test;

/**
 * The door reads article states through a short-lived cache. The test context keeps entries for a minute
 * (see {@link IntegrationTestBase}), so a POST that sees a change within a second was told of it by this
 * instance's listener, not by the entry running out.
 */
class ArticleStateCacheIntegrationTest extends IntegrationTestBase {

    private static final String BODY = "{\"author\":\"A\",\"text\":\"still open?\"}";

    @Test
    void aCloseArrivingOnThisInstanceIsSeenByTheNextPostAtOnce() {
        UUID articleId = openArticle();
        assertThat(post("/api/articles/" + articleId + "/comments", BODY).statusCode())
                .as("open, and now cached")
                .isEqualTo(202);

        Instant closedAt = Instant.now().minusSeconds(1);
        publish(new ArticleState(articleId, "t", false, closedAt, null, 2, closedAt));
        awaitStoredVersion(articleId, 2);

        await().atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertProblem(post("/api/articles/" + articleId + "/comments", BODY), 409));
    }

    @Test
    void aReopenArrivingOnThisInstanceIsSeenByTheNextPostAtOnce() {
        UUID articleId = openArticle();
        Instant closedAt = Instant.now().minusSeconds(1);
        publish(new ArticleState(articleId, "t", false, closedAt, null, 2, closedAt));
        awaitStoredVersion(articleId, 2);
        await().atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertProblem(post("/api/articles/" + articleId + "/comments", BODY), 409));

        publish(new ArticleState(articleId, "t", true, null, null, 3, Instant.now()));
        awaitStoredVersion(articleId, 3);

        await().atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(post("/api/articles/" + articleId + "/comments", BODY)
                                .statusCode())
                        .isEqualTo(202));
    }

    private void awaitStoredVersion(UUID articleId, long version) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT count(*) FROM article_copy WHERE article_id = :id AND version = :version")
                                .param("id", articleId)
                                .param("version", version)
                                .query(Long.class)
                                .single()
                        == 1);
    }
}
