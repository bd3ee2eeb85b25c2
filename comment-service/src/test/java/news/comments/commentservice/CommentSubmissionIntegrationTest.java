package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import news.comments.events.ArticleState;
import news.comments.events.CommentReported;
import news.comments.events.CommentSubmitted;
import news.comments.events.EventTypes;
import news.comments.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class CommentSubmissionIntegrationTest extends IntegrationTestBase {

    @Test
    void postingStoresAPendingCommentAndPublishesOneSubmissionKeyedByArticle() {
        UUID articleId = openArticle();

        HttpResponse<String> response = post(
                "/api/articles/" + articleId + "/comments",
                "{\"author\":\"Reader One\",\"text\":\"Interesting <b>read</b>.\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response);
        UUID id = UUID.fromString(body.get("id").asString());
        assertThat(body.get("status").asString()).isEqualTo("PENDING");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/comments/" + id);

        JsonNode stored = json(get("/api/comments/" + id));
        assertThat(stored.get("status").asString()).isEqualTo("PENDING");
        assertThat(stored.get("articleId").asString()).isEqualTo(articleId.toString());
        assertThat(stored.has("text")).as("text is shown only once approved").isFalse();

        ConsumerRecord<String, byte[]> record = awaitSubmissions(id, 1).get(0);
        CommentSubmitted event = value(record);
        assertThat(record.key()).isEqualTo(articleId.toString());
        assertThat(new String(record.headers().lastHeader(EventTypes.HEADER).value()))
                .isEqualTo("CommentSubmitted");
        assertThat(event.author()).isEqualTo("Reader One");
        assertThat(event.text()).isEqualTo("Interesting <b>read</b>.");
        assertThat(event.parentId()).isNull();
        assertThat(record.timestamp()).isEqualTo(event.submittedAt().toEpochMilli());
        assertThat(event.submittedAt())
                .isEqualTo(Instant.parse(stored.get("submittedAt").asString()));

        // Nothing else for this comment arrives before a later comment's event on the same partition.
        awaitSubmissions(postComment(articleId, "Marker", "later", null), 1);
        assertThat(submissionsOf(id)).hasSize(1);
    }

    @Test
    void postingToAnUnknownArticleIs404AndStoresNothing() {
        long before = commentCount();
        HttpResponse<String> response =
                post("/api/articles/" + UUID.randomUUID() + "/comments", "{\"author\":\"A\",\"text\":\"B\"}");
        assertProblem(response, 404);
        assertThat(commentCount()).isEqualTo(before);
        assertProblem(get("/api/articles/" + UUID.randomUUID() + "/comments"), 404);
        assertProblem(get("/api/comments/" + UUID.randomUUID()), 404);
    }

    @Test
    void afterTheArticleIsClosedPostingIs409CommentsAreClosed() {
        UUID articleId = openArticle();
        Instant closedAt = Instant.now().minusSeconds(1);
        publish(new ArticleState(articleId, "t", false, closedAt, null, 2, closedAt));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(json(get("/api/articles/" + articleId + "/comments"))
                                .get("commentsOpen")
                                .asBoolean())
                        .isFalse());
        long before = commentCount();
        HttpResponse<String> response =
                post("/api/articles/" + articleId + "/comments", "{\"author\":\"A\",\"text\":\"late\"}");

        assertProblem(response, 409);
        assertThat(json(response).get("title").asString()).isEqualTo("Comments are closed.");
        assertThat(json(response).get("type").asString()).isEqualTo("/problems/comments-closed");
        assertThat(commentCount()).isEqualTo(before);
    }

    @Test
    void anOlderArticleSnapshotArrivingLateDoesNotReopenTheThread() {
        UUID articleId = openArticle();
        Instant closedAt = Instant.now().minusSeconds(1);
        publish(new ArticleState(articleId, "t", false, closedAt, null, 3, closedAt));
        publish(new ArticleState(articleId, "t", true, null, null, 2, closedAt.minusSeconds(5)));
        // a later snapshot on the same partition shows the stale one was consumed
        openArticle(articleOnSamePartitionAs(articleId));

        assertProblem(post("/api/articles/" + articleId + "/comments", "{\"author\":\"A\",\"text\":\"x\"}"), 409);
        Integer version = jdbc.sql("SELECT version FROM article_copy WHERE article_id = :id")
                .param("id", articleId)
                .query(Integer.class)
                .single();
        assertThat(version).isEqualTo(3);
    }

    @Test
    void anAutoCloseDateInThePastClosesTheThread() {
        UUID articleId = UUID.randomUUID();
        Instant now = Instant.now();
        publish(new ArticleState(
                articleId, "t", true, null, now.minus(1, ChronoUnit.HOURS), 1, now.minus(2, ChronoUnit.HOURS)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/articles/" + articleId + "/comments").statusCode() == 200);

        HttpResponse<String> response =
                post("/api/articles/" + articleId + "/comments", "{\"author\":\"A\",\"text\":\"x\"}");

        assertProblem(response, 409);
        assertThat(json(response).get("title").asString()).isEqualTo("Comments are closed.");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("blank author", "{\"author\":\"  \",\"text\":\"hello\"}"),
                Arguments.of("missing author", "{\"text\":\"hello\"}"),
                Arguments.of("blank text", "{\"author\":\"A\",\"text\":\"\"}"),
                Arguments.of("missing text", "{\"author\":\"A\"}"),
                Arguments.of("author over 80", "{\"author\":\"" + "a".repeat(81) + "\",\"text\":\"hello\"}"),
                Arguments.of("text over 5000", "{\"author\":\"A\",\"text\":\"" + "t".repeat(5001) + "\"}"),
                Arguments.of("NUL in text", "{\"author\":\"A\",\"text\":\"a\\u0000b\"}"),
                Arguments.of("bell in text", "{\"author\":\"A\",\"text\":\"a\\u0007b\"}"),
                Arguments.of("C1 control in author", "{\"author\":\"A\\u009b\",\"text\":\"b\"}"),
                Arguments.of("unpaired surrogate in text", "{\"author\":\"A\",\"text\":\"a\\ud800\"}"),
                Arguments.of("unknown field", "{\"author\":\"A\",\"text\":\"b\",\"status\":\"APPROVED\"}"),
                Arguments.of("malformed JSON", "{\"author\":\"A\",\"text\":"),
                Arguments.of("not an object", "[1,2]"),
                Arguments.of("empty body", ""),
                Arguments.of("text of the wrong type", "{\"author\":\"A\",\"text\":{\"x\":1}}"),
                Arguments.of("parentId not a UUID", "{\"author\":\"A\",\"text\":\"x\",\"parentId\":\"nope\"}"),
                Arguments.of(
                        "parentId unknown",
                        "{\"author\":\"A\",\"text\":\"x\",\"parentId\":\"" + UUID.randomUUID() + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void anInvalidBodyIs400AndStoresNothing(String why, String body) {
        UUID articleId = openArticle();
        long before = commentCount();

        assertProblem(post("/api/articles/" + articleId + "/comments", body), 400);
        assertThat(commentCount()).isEqualTo(before);
    }

    @Test
    void aParentFromAnotherArticleIs400() {
        UUID other = openArticle();
        UUID foreignParent = postComment(other, "A", "elsewhere", null);
        UUID articleId = openArticle();
        long before = commentCount();

        HttpResponse<String> response = post(
                "/api/articles/" + articleId + "/comments",
                JSON.writeValueAsString(Map.of("author", "B", "text", "reply", "parentId", foreignParent)));

        assertProblem(response, 400);
        assertThat(commentCount()).isEqualTo(before);
    }

    @Test
    void aParentFromAnotherArticleIs400EvenWithAnIdempotencyKey() {
        UUID foreignParent = postComment(openArticle(), "A", "elsewhere", null);
        UUID articleId = openArticle();
        long before = commentCount();

        HttpResponse<String> response = post(
                "/api/articles/" + articleId + "/comments",
                JSON.writeValueAsString(Map.of("author", "B", "text", "reply", "parentId", foreignParent)),
                "Idempotency-Key",
                "foreign-" + UUID.randomUUID());

        assertProblem(response, 400);
        assertThat(commentCount()).isEqualTo(before);
    }

    @Test
    void newCommentIdsAreTimeOrderedAndCarryTheirSubmissionTime() {
        UUID articleId = openArticle();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(postComment(articleId, "A", "comment " + i, null));
        }

        // PostgreSQL orders uuids bytewise, as their lower-case text sorts.
        assertThat(ids.stream().map(UUID::toString).toList()).isSorted().doesNotHaveDuplicates();
        for (UUID id : ids) {
            assertThat(id.version()).isEqualTo(7);
            Instant submittedAt = Instant.parse(
                    json(get("/api/comments/" + id)).get("submittedAt").asString());
            assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(submittedAt.toEpochMilli());
        }
    }

    @Test
    void aBadUuidInThePathIs400() {
        long before = commentCount();
        assertProblem(post("/api/articles/not-a-uuid/comments", "{\"author\":\"A\",\"text\":\"x\"}"), 400);
        assertProblem(get("/api/comments/not-a-uuid"), 400);
        assertProblem(get("/api/articles/" + openArticle() + "/comments?page=-1"), 400);
        assertProblem(get("/api/articles/" + openArticle() + "/comments?size=abc"), 400);
        assertThat(commentCount()).isEqualTo(before);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstCommentAndPublishesOnce() {
        UUID articleId = openArticle();
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"author\":\"A\",\"text\":\"only once\"}";

        HttpResponse<String> first = post("/api/articles/" + articleId + "/comments", body, "Idempotency-Key", key);
        HttpResponse<String> second = post("/api/articles/" + articleId + "/comments", body, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        UUID id = UUID.fromString(json(first).get("id").asString());
        assertThat(json(second).get("id").asString()).isEqualTo(id.toString());
        assertThat(second.headers().firstValue("Location")).hasValue("/api/comments/" + id);
        awaitSubmissions(postComment(articleId, "Marker", "later", null), 1);
        assertThat(submissionsOf(id)).hasSize(1);
        assertThat(commentsWithKey(key)).isEqualTo(1);
    }

    @Test
    void aRetryAfterTheThreadClosedStillReturnsTheFirstComment() {
        UUID articleId = openArticle();
        String key = "before-close-" + UUID.randomUUID();
        String body = "{\"author\":\"A\",\"text\":\"just in time\"}";
        HttpResponse<String> first = post("/api/articles/" + articleId + "/comments", body, "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(202);
        Instant closedAt = Instant.now();
        publish(new ArticleState(articleId, "t", false, closedAt, null, 2, closedAt));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> post("/api/articles/" + articleId + "/comments", "{\"author\":\"B\",\"text\":\"late\"}")
                                .statusCode()
                        == 409);

        HttpResponse<String> retry = post("/api/articles/" + articleId + "/comments", body, "Idempotency-Key", key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(json(retry).get("id").asString())
                .isEqualTo(json(first).get("id").asString());
        assertThat(commentsWithKey(key)).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyWithADifferentBodyIs422() {
        UUID articleId = openArticle();
        String key = "reuse-" + UUID.randomUUID();
        post(
                "/api/articles/" + articleId + "/comments",
                "{\"author\":\"A\",\"text\":\"first\"}",
                "Idempotency-Key",
                key);
        long before = commentCount();

        HttpResponse<String> response = post(
                "/api/articles/" + articleId + "/comments",
                "{\"author\":\"A\",\"text\":\"second\"}",
                "Idempotency-Key",
                key);

        assertProblem(response, 422);
        assertThat(json(response).get("type").asString()).isEqualTo("/problems/idempotency-key-reused");
        assertThat(commentCount()).isEqualTo(before);
    }

    @Test
    void anIdempotencyKeyLongerThan200CharactersIs400() {
        UUID articleId = openArticle();
        long before = commentCount();
        assertProblem(
                post(
                        "/api/articles/" + articleId + "/comments",
                        "{\"author\":\"A\",\"text\":\"x\"}",
                        "Idempotency-Key",
                        "k".repeat(201)),
                400);
        assertThat(commentCount()).isEqualTo(before);
    }

    @Test
    void anIdempotencyKeyWithBytesOutsidePrintableAsciiIs400() throws Exception {
        UUID articleId = openArticle();
        long before = commentCount();
        // Raw bytes: the JDK client would turn them into '?' before they left.
        for (byte[] key : List.of(
                new byte[] {'c', 'l', (byte) 0xE9}, new byte[] {'a', 0x09, 'b'}, new byte[] {(byte) 0xFF, (byte) 0xFE
                })) {
            assertThat(statusOfRawPost(
                            "/api/articles/" + articleId + "/comments", "{\"author\":\"A\",\"text\":\"x\"}", key))
                    .as(new String(key, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(400);
        }
        assertThat(commentCount()).isEqualTo(before);
    }

    private int statusOfRawPost(String path, String body, byte[] idempotencyKey) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
            request.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length()
                            + "\r\nIdempotency-Key: ")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            request.writeBytes(idempotencyKey);
            request.writeBytes(("\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(request.toByteArray());
            String answer =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.split(" ")[1]);
        }
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyMakeOneComment() throws Exception {
        UUID articleId = openArticle();
        String key = "concurrent-" + UUID.randomUUID();
        String body = "{\"author\":\"A\",\"text\":\"racing\"}";
        int threads = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<HttpResponse<String>> call = () -> {
                    start.await();
                    return post("/api/articles/" + articleId + "/comments", body, "Idempotency-Key", key);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> result : results) {
                HttpResponse<String> response = result.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                ids.add(json(response).get("id").asString());
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(commentsWithKey(key)).isEqualTo(1);
            awaitSubmissions(postComment(articleId, "Marker", "later", null), 1);
            assertThat(submissionsOf(UUID.fromString(ids.get(0)))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReportIsAcceptedAndPublishedForModeration() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "A", "spam spam", null);

        HttpResponse<String> response = post("/api/comments/" + commentId + "/reports", "{\"reason\":\"It is spam\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<CommentReported> reports = recordsOn(Topics.COMMENT_REPORTED.name()).stream()
                    .map(IntegrationTestBase::<CommentReported>value)
                    .filter(r -> r.commentId().equals(commentId))
                    .toList();
            assertThat(reports).singleElement().satisfies(r -> {
                assertThat(r.reason()).isEqualTo("It is spam");
                assertThat(r.articleId()).isEqualTo(articleId);
            });
        });
        assertThat(jdbc.sql("SELECT count(*) FROM comment_report WHERE comment_id = :id")
                        .param("id", commentId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aReportOnAnUnknownCommentIs404AndABlankReasonIs400() {
        assertProblem(post("/api/comments/" + UUID.randomUUID() + "/reports", "{\"reason\":\"spam\"}"), 404);
        UUID commentId = postComment(openArticle(), "A", "fine", null);
        assertProblem(post("/api/comments/" + commentId + "/reports", "{\"reason\":\" \"}"), 400);
        assertProblem(post("/api/comments/" + commentId + "/reports", "{\"reason\":\"" + "r".repeat(501) + "\"}"), 400);
        assertThat(jdbc.sql("SELECT count(*) FROM comment_report WHERE comment_id = :id")
                        .param("id", commentId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long commentsWithKey(String key) {
        return jdbc.sql("SELECT count(*) FROM comment WHERE idempotency_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
    }

    private static List<ConsumerRecord<String, byte[]>> submissionsOf(UUID commentId) {
        return recordsOn(Topics.COMMENT_SUBMITTED.name()).stream()
                .filter(r -> IntegrationTestBase.<CommentSubmitted>value(r)
                        .commentId()
                        .equals(commentId))
                .toList();
    }

    private static List<ConsumerRecord<String, byte[]>> awaitSubmissions(UUID commentId, int atLeast) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> submissionsOf(commentId).size() >= atLeast);
        return submissionsOf(commentId);
    }
}
