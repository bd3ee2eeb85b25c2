package news.comments.systemtest;

import static news.comments.systemtest.Scenario.EVENTUALLY;
import static news.comments.systemtest.Scenario.awaitDecision;
import static news.comments.systemtest.Scenario.commentsPath;
import static news.comments.systemtest.Scenario.createArticle;
import static news.comments.systemtest.Scenario.postCommentOnceArticleIsKnown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import news.comments.systemtest.SharedStack.SystemUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reader and a moderator use the whole system through the gateway, as the contract (docs/openapi.yaml) documents it: publish,
 * comment, moderation, close, reopen. Real Kafka, real PostgreSQL, the four service jars.
 */
@ExtendWith(SharedStack.class)
class ReaderAndModeratorFlowSystemTest {

    private static Api api;
    private static String moderatorToken;

    @BeforeAll
    static void login(SystemUnderTest system) {
        api = system.api();
        moderatorToken = system.moderatorToken();
        assertThat(moderatorToken).isNotBlank();
    }

    @Test
    void readerCommentIsModeratedApprovedAndListedUnderTheArticle() {
        String articleId = createArticle(api, moderatorToken, "Council approves the new tram line");

        Api.Reply posted =
                postCommentOnceArticleIsKnown(api, articleId, "Ada", "Finally! I will take it to work every day.");
        assertThat(posted.status()).as("post comment: %s", posted).isEqualTo(202);
        String commentId = posted.text("id");
        assertThat(posted.text("status")).isEqualTo("PENDING");
        assertThat(posted.header("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/api/comments/" + commentId));

        Api.Reply decided = awaitDecision(api, commentId);
        assertThat(decided.text("status")).as("decision: %s", decided).isEqualTo("APPROVED");
        assertThat(decided.text("articleId")).isEqualTo(articleId);

        await("the approved comment in the article's list").atMost(EVENTUALLY).untilAsserted(() -> {
            Api.Reply list = api.get(commentsPath(articleId));
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body().path("total").asLong()).as("total: %s", list).isEqualTo(1);
            assertThat(list.body().path("comments").get(0).path("id").asString())
                    .isEqualTo(commentId);
            assertThat(list.body().path("comments").get(0).path("text").asString())
                    .isEqualTo("Finally! I will take it to work every day.");
        });
    }

    @Test
    void closedThreadRefusesCommentsUntilTheModeratorReopensIt() {
        String articleId = createArticle(api, moderatorToken, "Harbour festival moves to September");
        assertThat(postCommentOnceArticleIsKnown(api, articleId, "Ben", "Good news for the weekend.")
                        .status())
                .isEqualTo(202);

        Api.Reply closed =
                api.post("/api/articles/" + articleId + "/close", Map.of("reason", "Enough said."), moderatorToken);
        assertThat(closed.status()).as("close: %s", closed).isEqualTo(200);
        assertThat(closed.body().path("commentsOpen").asBoolean(true)).isFalse();
        assertThat(closed.text("closedAt")).isNotBlank();

        // comment-service learns of the close through Kafka: soon every new comment is refused.
        await("comments to be refused on the closed thread")
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    Api.Reply refused =
                            api.post(commentsPath(articleId), Map.of("author", "Cleo", "text", "Too late?"), null);
                    assertThat(refused.status())
                            .as("post on closed thread: %s", refused)
                            .isEqualTo(409);
                    assertThat(refused.contentType()).startsWith("application/problem+json");
                    assertThat(refused.text("title")).isEqualTo("Comments are closed.");
                    assertThat(refused.body().path("status").asInt()).isEqualTo(409);
                    assertThat(refused.text("type")).isNotBlank();
                    assertThat(refused.text("detail")).isNotBlank();
                });

        Api.Reply reopened = api.post("/api/articles/" + articleId + "/reopen", null, moderatorToken);
        assertThat(reopened.status()).as("reopen: %s", reopened).isEqualTo(200);
        assertThat(reopened.body().path("commentsOpen").asBoolean(false)).isTrue();

        await("comments to be accepted again")
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(api.post(
                                        commentsPath(articleId),
                                        Map.of("author", "Cleo", "text", "Glad it is open again."),
                                        null)
                                .status())
                        .isEqualTo(202));
    }

    @Test
    void readerWithoutTokenCannotCloseAThread() {
        String articleId = createArticle(api, moderatorToken, "Library opens on Sundays");

        Api.Reply refused = api.post("/api/articles/" + articleId + "/close", Map.of(), null);

        assertThat(refused.status()).as("close without token: %s", refused).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/articles/" + articleId)
                        .body()
                        .path("commentsOpen")
                        .asBoolean(false))
                .as("the thread is still open")
                .isTrue();
    }

    @Test
    void wrongModeratorPasswordGetsNoToken() {
        Api.Reply refused =
                api.post("/api/auth/token", Map.of("username", "system-test-moderator", "password", "wrong"), null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("access_token")).isEmpty();
    }
}
