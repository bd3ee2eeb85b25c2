package news.comments.systemtest;

import static news.comments.systemtest.Scenario.awaitDecision;
import static news.comments.systemtest.Scenario.createArticle;
import static news.comments.systemtest.Scenario.postCommentOnceArticleIsKnown;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The containerised system of docker-compose.yml (official Kafka image in KRaft mode, PostgreSQL,
 * the four services built from the root Dockerfile) answers a reader through its gateway.
 * Skipped, visibly, where no Docker engine exists.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeStackTest {

    private static final String MODERATOR = "compose-moderator";
    private static final String PASSWORD = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

    private static ComposeContainer compose;
    private static Api api;

    @BeforeAll
    static void startCompose() {
        // Built here, not in a static field, so nothing touches Docker when the class is skipped.
        compose = new ComposeContainer(new File(System.getProperty("comments.compose-file", "../docker-compose.yml")))
                .withEnv("MODERATOR_USER", MODERATOR)
                .withEnv("MODERATOR_PASSWORD", PASSWORD)
                .withEnv("GATEWAY_PORT", "0") // the host port is the ambassador's business
                .withBuild(true)
                // Compose pulls what the started services lack itself; Testcontainers' own pre-pull would also
                // fetch the images of the observability profile, which this test does not start.
                .withPull(false)
                .withRemoveVolumes(true)
                .withExposedService(
                        "gateway",
                        8080,
                        Wait.forHttp("/readyz").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(15)));
        compose.start();
        api = new Api(URI.create(
                "http://" + compose.getServiceHost("gateway", 8080) + ":" + compose.getServicePort("gateway", 8080)));
    }

    @AfterAll
    static void stopCompose() {
        if (compose != null) {
            compose.stop();
        }
    }

    @Test
    void readerCommentPostedThroughTheComposeGatewayIsApproved() {
        String token = api.moderatorToken(MODERATOR, PASSWORD);
        String articleId = createArticle(api, token, "Compose stack smoke article");

        Api.Reply posted = postCommentOnceArticleIsKnown(api, articleId, "Dana", "Works on containers too.");

        assertThat(posted.status()).as("post comment: %s", posted).isEqualTo(202);
        assertThat(awaitDecision(api, posted.text("id")).text("status")).isEqualTo("APPROVED");
    }
}
