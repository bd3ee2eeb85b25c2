package news.comments.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Steps several system tests share, each one an API call with the contract's expectations. */
final class Scenario {

    /** How long an eventually consistent outcome (an event crossing services) may take. */
    static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private Scenario() {}

    /** Creates an article as the moderator; 201 with a Location and the article. */
    static String createArticle(Api api, String token, String title) {
        Api.Reply created = api.post(
                "/api/articles", Map.of("title", title, "body", "Body of " + title + ".\n\nSecond paragraph."), token);
        assertThat(created.status()).as("create article: %s", created).isEqualTo(201);
        String id = created.text("id");
        assertThat(id).isNotBlank();
        assertThat(created.header("Location"))
                .as("Location of the new article")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/api/articles/" + id));
        assertThat(created.body().path("commentsOpen").asBoolean()).isTrue();
        return id;
    }

    /**
     * {@code count} new articles titled {@code title} 0, 1, ..., each with a first comment accepted (so
     * comment-service knows it): the articles a load test posts to.
     */
    static List<String> articlesTakingComments(Api api, String token, String title, int count) {
        List<String> articles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = createArticle(api, token, title + " " + i);
            postCommentOnceArticleIsKnown(api, id, "Warm-up", "First!");
            articles.add(id);
        }
        return articles;
    }

    /**
     * Opens a live comment stream as one reader: a raw GET with {@code X-Forwarded-For: reader} (the test stack
     * believes it from loopback), left open. The caller reads the answer and closes the socket.
     */
    static Socket openStream(URI gateway, String streamPath, String reader) throws IOException {
        Socket socket = new Socket(gateway.getHost(), gateway.getPort());
        socket.getOutputStream()
                .write(("GET " + streamPath + " HTTP/1.1\r\nHost: " + gateway.getAuthority()
                                + "\r\nAccept: text/event-stream\r\nX-Forwarded-For: " + reader + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * Posts a comment, waiting while comment-service has not yet learned of the article (404):
     * article state reaches it through Kafka. Returns the 202 reply.
     */
    static Api.Reply postCommentOnceArticleIsKnown(Api api, String articleId, String author, String text) {
        Api.Reply[] reply = new Api.Reply[1];
        await("comment-service to accept comments on article " + articleId)
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    reply[0] = api.post(
                            commentsPath(articleId),
                            Map.of("author", author, "text", text),
                            null,
                            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                    return reply[0].status() != 404;
                });
        return reply[0];
    }

    /** Polls GET /api/comments/{id} until moderation has decided; returns the final reply. */
    static Api.Reply awaitDecision(Api api, String commentId) {
        Api.Reply[] reply = new Api.Reply[1];
        await("a moderation decision for comment " + commentId)
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    reply[0] = api.get("/api/comments/" + commentId);
                    return reply[0].status() == 200 && !"PENDING".equals(reply[0].text("status"));
                });
        return reply[0];
    }

    /**
     * Polls GET /api/comments/{id} for every id until all are decided (not PENDING); returns each final reply.
     * A decided comment is not asked again.
     */
    static Map<String, Api.Reply> awaitAllDecided(Api api, Collection<String> commentIds, Duration atMost) {
        Map<String, Api.Reply> decided = new LinkedHashMap<>();
        await("all of " + commentIds.size() + " comments to be decided")
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (String id : commentIds) {
                        if (!decided.containsKey(id)) {
                            Api.Reply comment = api.get("/api/comments/" + id);
                            if (comment.status() == 200 && !"PENDING".equals(comment.text("status"))) {
                                decided.put(id, comment);
                            }
                        }
                    }
                    return decided.size() == commentIds.size();
                });
        return decided;
    }

    static String commentsPath(String articleId) {
        return "/api/articles/" + articleId + "/comments";
    }
}
