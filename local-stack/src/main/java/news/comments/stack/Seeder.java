package news.comments.stack;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Puts the reference page into a fresh stack through the public API, as a moderator and a reader
 * would: the article, one approved reader comment, and the thread closed. Runs once: a marker file
 * records success; on failure no marker is written, so the next start tries again (reusing the
 * article and, through Idempotency-Key, the comment already made).
 */
final class Seeder {

    static final String COMMENT_AUTHOR = "Margaret Ellis";
    static final String COMMENT_TEXT = "A clear summary, thank you. I would like to read the Microsoft report itself "
            + "before drawing conclusions, but it is worrying that documents from a campaign can end up in a "
            + "newsroom's inbox like this.";

    private static final Duration EVENTUAL = Duration.ofSeconds(90);

    private final GatewayClient gateway;
    private final DataDirectory data;
    private final ModeratorCredentials moderator;

    Seeder(URI gatewayUrl, DataDirectory data, ModeratorCredentials moderator) {
        this.gateway = new GatewayClient(gatewayUrl);
        this.data = data;
        this.moderator = moderator;
    }

    boolean alreadySeeded() {
        return Files.exists(data.seedMarker());
    }

    /** Returns the seed article's id. */
    String seed() throws Exception {
        SeedArticle article = SeedArticle.load();
        login();
        String articleId = articleId(article);
        String commentId = comment(articleId);
        awaitApproved(commentId);
        GatewayClient.Response closed =
                gateway.post("/api/articles/" + articleId + "/close", Map.of("reason", "Comments are closed."));
        expect(closed, 200, "closing the seed article's thread");
        Files.writeString(data.seedMarker(), articleId + "\n", StandardCharsets.UTF_8);
        Files.deleteIfExists(progressFile());
        return articleId;
    }

    private void login() {
        GatewayClient.Response response = gateway.post(
                "/api/auth/token", Map.of("username", moderator.username(), "password", moderator.password()));
        expect(response, 200, "getting a moderator token");
        gateway.useToken(response.text("access_token"));
    }

    private String articleId(SeedArticle article) throws Exception {
        Path progress = progressFile();
        if (Files.exists(progress)) {
            String earlier = Files.readString(progress).strip();
            if (!earlier.isEmpty() && gateway.get("/api/articles/" + earlier).status() == 200) {
                return earlier;
            }
        }
        GatewayClient.Response created =
                gateway.post("/api/articles", Map.of("title", article.title(), "body", article.body()));
        expect(created, 201, "creating the seed article");
        String id = created.text("id");
        Files.writeString(progress, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    private String comment(String articleId) {
        // comment-service learns of the article through Kafka, so it may not know it for a moment (404).
        GatewayClient.Response posted = await(
                "comment-service to accept comments on the seed article",
                () -> gateway.post(
                        "/api/articles/" + articleId + "/comments",
                        Map.of("author", COMMENT_AUTHOR, "text", COMMENT_TEXT),
                        Map.of("Idempotency-Key", "seed-comment-" + articleId)),
                response -> response.status() != 404 && response.status() != 429 && response.status() < 500);
        expect(posted, 202, "posting the seed comment");
        return posted.text("id");
    }

    private void awaitApproved(String commentId) {
        GatewayClient.Response decided = await(
                "moderation of the seed comment",
                () -> gateway.get("/api/comments/" + commentId),
                response -> response.status() == 200 && !"PENDING".equals(response.text("status")));
        String status = decided.text("status");
        if ("HELD".equals(status)) {
            // The rules held it for a human: the moderator approves it, as on the reference page.
            GatewayClient.Response decision = gateway.post(
                    "/api/moderation/comments/" + commentId + "/decisions",
                    Map.of("decision", "APPROVE", "note", "Seed comment of the reference page"));
            expect(decision, 202, "approving the held seed comment");
            decided = await(
                    "the moderator's approval of the seed comment",
                    () -> gateway.get("/api/comments/" + commentId),
                    response -> response.status() == 200 && "APPROVED".equals(response.text("status")));
            status = decided.text("status");
        }
        if (!"APPROVED".equals(status)) {
            throw new IllegalStateException("The seed comment ended " + status + ", not APPROVED: " + decided.raw());
        }
    }

    private Path progressFile() {
        return data.root().resolve("seed-in-progress");
    }

    private static GatewayClient.Response await(
            String what, Supplier<GatewayClient.Response> call, Predicate<GatewayClient.Response> done) {
        Instant deadline = Instant.now().plus(EVENTUAL);
        GatewayClient.Response last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = call.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (IllegalStateException notAnswering) {
                // a restarting route or a slow first request: try again until the deadline
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException("Timed out after " + EVENTUAL.toSeconds() + " s waiting for " + what
                + (last == null ? "" : "; last answer " + last.status() + " " + last.raw()));
    }

    private static void expect(GatewayClient.Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " failed: HTTP " + response.status() + " " + response.raw());
        }
    }
}
