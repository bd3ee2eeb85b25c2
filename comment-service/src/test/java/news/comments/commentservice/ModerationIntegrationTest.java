package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import news.comments.events.Topics;
import news.comments.testsupport.MethodProbe;
import news.comments.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ModerationIntegrationTest extends IntegrationTestBase {

    @Test
    void anApprovedDecisionMakesTheCommentVisibleAndCounted() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Ann", "Well said.", null);

        publish(decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, Instant.now()));

        awaitStatus(commentId, "APPROVED");
        JsonNode details = json(get("/api/comments/" + commentId));
        assertThat(details.get("text").asString()).isEqualTo("Well said.");
        assertThat(details.get("author").asString()).isEqualTo("Ann");
        assertThat(details.get("reasons").get(0).get("code").asString()).isEqualTo("CLEAN");
        JsonNode page = json(get("/api/articles/" + articleId + "/comments"));
        assertThat(page.get("articleId").asString()).isEqualTo(articleId.toString());
        assertThat(page.get("commentsOpen").asBoolean()).isTrue();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode item = page.get("comments").get(0);
        assertThat(item.get("id").asString()).isEqualTo(commentId.toString());
        assertThat(item.get("author").asString()).isEqualTo("Ann");
        assertThat(item.get("text").asString()).isEqualTo("Well said.");
        assertThat(item.get("parentId").isNull()).isTrue();
        assertThat(item.get("createdAt").asString())
                .isEqualTo(details.get("submittedAt").asString());
    }

    @Test
    void aReplayedDecisionChangesNothing() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Ann", "Once.", null);
        CommentModerated approved =
                decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, Instant.now());
        publish(approved);
        awaitStatus(commentId, "APPROVED");

        publish(approved);
        // A later decision on the same article (same partition) has landed, so the replay was consumed.
        UUID marker = postComment(articleId, "Marker", "after", null);
        publish(decision(articleId, marker, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
        awaitStatus(marker, "APPROVED");

        JsonNode history = json(get("/api/comments/" + commentId + "/history", moderator()));
        assertThat(history.get("items")).hasSize(1);
        assertThat(json(get("/api/articles/" + articleId + "/comments"))
                        .get("total")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void aHeldCommentWaitsInTheModeratorQueue() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Bob", "Buy cheap pills http://x", null);
        publish(decision(articleId, commentId, Decision.HELD, CommentModerated.RULES, Instant.now()));
        awaitStatus(commentId, "HELD");

        HttpResponse<String> queue = get("/api/moderation/queue?size=100", moderator());

        assertThat(queue.statusCode()).isEqualTo(200);
        JsonNode body = json(queue);
        assertThat(body.get("total").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode item = StreamSupport.stream(body.get("items").spliterator(), false)
                .filter(i -> i.get("id").asString().equals(commentId.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(item.get("articleId").asString()).isEqualTo(articleId.toString());
        assertThat(item.get("author").asString()).isEqualTo("Bob");
        assertThat(item.get("text").asString()).isEqualTo("Buy cheap pills http://x");
        assertThat(item.get("reasons").get(0).get("code").asString()).isEqualTo("LINK");
        assertThat(item.get("submittedAt").asString()).isNotBlank();
        assertThat(json(get("/api/articles/" + articleId + "/comments"))
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(json(get("/api/comments/" + commentId)).has("text")).isFalse();
    }

    @Test
    void theQueueAndHistoryNeedAModerator() {
        UUID commentId = postComment(openArticle(), "A", "x", null);
        String reader = "Bearer " + TestTokenIssuer.shared().token("reader", List.of("READER"));

        assertProblem(get("/api/moderation/queue"), 401);
        assertProblem(get("/api/moderation/queue", "Authorization", reader), 403);
        assertProblem(
                get(
                        "/api/moderation/queue",
                        "Authorization",
                        "Bearer " + TestTokenIssuer.shared().expiredToken()),
                401);
        assertProblem(get("/api/comments/" + commentId + "/history"), 401);
        assertProblem(get("/api/comments/" + commentId + "/history", "Authorization", reader), 403);
        assertProblem(get("/api/comments/" + UUID.randomUUID() + "/history", moderator()), 404);
    }

    @Test
    void everyMethodOnTheQueueAndHistoryNeedsAModeratorWhileReadersKeepGetAndHead() {
        UUID commentId = postComment(openArticle(), "A", "x", null);
        String reader = TestTokenIssuer.shared().token("reader", List.of("READER"));

        for (String path : List.of("/api/moderation/queue", "/api/comments/" + commentId + "/history")) {
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(uri(""), path, null)) {
                assertThat(answer.status()).as("%s", answer).isEqualTo(401);
                assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
            }
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(uri(""), path, reader)) {
                assertThat(answer.status()).as("%s", answer).isEqualTo(403);
                assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
            }
        }
        assertThat(MethodProbe.call(uri(""), "HEAD", "/api/comments/" + commentId, null)
                        .status())
                .isEqualTo(200);
        assertThat(MethodProbe.call(uri(""), "DELETE", "/api/comments/" + commentId, null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void tokensWithoutExpiryExpiredTenSecondsAgoForAnotherAudienceOrTooLongLivedAre401() {
        TestTokenIssuer tokens = TestTokenIssuer.shared();
        Map<String, String> refused = Map.of(
                "no exp", tokens.moderatorTokenWithoutExpiry(),
                "expired 10 s ago", tokens.moderatorTokenExpiredFor(Duration.ofSeconds(10)),
                "another audience", tokens.moderatorTokenForAudience("another-api"),
                "valid for 1 h 1 min", tokens.moderatorTokenValidFor(Duration.ofMinutes(61)));

        refused.forEach((what, token) -> {
            HttpResponse<String> response = get("/api/moderation/queue", "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(what).isEqualTo(401);
            assertProblem(response, 401);
        });
        assertThat(get("/api/moderation/queue", moderator()).statusCode()).isEqualTo(200);
    }

    @Test
    void aModeratorApprovalAfterHoldPublishesTheCommentAndBothDecisionsAreInTheHistory() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Cy", "Borderline", null);
        Instant heldAt = Instant.now();
        publish(decision(articleId, commentId, Decision.HELD, CommentModerated.RULES, heldAt));
        awaitStatus(commentId, "HELD");

        publish(decision(articleId, commentId, Decision.APPROVED, "test-moderator", heldAt.plusSeconds(5)));

        awaitStatus(commentId, "APPROVED");
        assertThat(json(get("/api/articles/" + articleId + "/comments"))
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        JsonNode items = json(get("/api/comments/" + commentId + "/history", moderator()))
                .get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("decision").asString()).isEqualTo("HELD");
        assertThat(items.get(0).get("decidedBy").asString()).isEqualTo("RULES");
        assertThat(items.get(0).get("rulesVersion").asLong()).isEqualTo(3);
        assertThat(items.get(1).get("decision").asString()).isEqualTo("APPROVED");
        assertThat(items.get(1).get("decidedBy").asString()).isEqualTo("test-moderator");
        assertThat(items.get(1).get("note").asString()).isEqualTo("checked by hand");
        assertThat(items.get(1).get("reasons")).hasSize(1);
        assertThat(Instant.parse(items.get(1).get("decidedAt").asString())).isAfter(heldAt);
    }

    @Test
    void aModeratorDecisionThatCameFirstIsNotOverriddenByTheAutomaticOne() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Di", "Rude words", null);
        publish(decision(articleId, commentId, Decision.REMOVED, "test-moderator", Instant.now()));
        awaitStatus(commentId, "REMOVED");

        publish(decision(
                articleId,
                commentId,
                Decision.APPROVED,
                CommentModerated.RULES,
                Instant.now().plusSeconds(1)));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(json(get("/api/comments/" + commentId + "/history", moderator()))
                                .get("items"))
                        .hasSize(2));
        assertThat(json(get("/api/comments/" + commentId)).get("status").asString())
                .isEqualTo("REMOVED");
    }

    @Test
    void aReportTriggeredHoldHidesAnApprovedCommentUntilAModeratorApprovesItAgain() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Flo", "Reported later", null);
        Instant approvedAt = Instant.now();
        publish(decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, approvedAt));
        awaitStatus(commentId, "APPROVED");

        CommentModerated reportHold = new CommentModerated(
                UUID.randomUUID(),
                commentId,
                articleId,
                Decision.HELD,
                List.of(new news.comments.events.Reason("REPORTED", "3 readers reported the comment")),
                CommentModerated.RULES,
                3,
                approvedAt.plusSeconds(1),
                null);
        publish(reportHold);

        awaitStatus(commentId, "HELD");
        assertThat(json(get("/api/articles/" + articleId + "/comments"))
                        .get("total")
                        .asLong())
                .isZero();
        publish(reportHold); // a redelivery lands once
        publish(decision(articleId, commentId, Decision.APPROVED, "test-moderator", approvedAt.plusSeconds(2)));
        awaitStatus(commentId, "APPROVED");
        JsonNode items = json(get("/api/comments/" + commentId + "/history", moderator()))
                .get("items");
        assertThat(items).extracting(i -> i.get("decision").asString()).containsExactly("APPROVED", "HELD", "APPROVED");
        assertThat(items.get(1).get("reasons").get(0).get("code").asString()).isEqualTo("REPORTED");
    }

    @Test
    void anAutomaticHoldNeverRevivesARejectedCommentNorBeatsANewerModeratorDecision() {
        UUID articleId = openArticle();
        UUID rejected = postComment(articleId, "Gus", "Rejected", null);
        UUID approvedByHand = postComment(articleId, "Hal", "Approved by hand", null);
        Instant now = Instant.now();
        publish(decision(articleId, rejected, Decision.REJECTED, CommentModerated.RULES, now));
        publish(decision(articleId, approvedByHand, Decision.APPROVED, "test-moderator", now.plusSeconds(10)));
        awaitStatus(rejected, "REJECTED");
        awaitStatus(approvedByHand, "APPROVED");

        publish(new CommentModerated(
                UUID.randomUUID(),
                rejected,
                articleId,
                Decision.HELD,
                List.of(),
                CommentModerated.RULES,
                3,
                now.plusSeconds(1),
                null));
        publish(new CommentModerated(
                UUID.randomUUID(),
                approvedByHand,
                articleId,
                Decision.HELD,
                List.of(),
                CommentModerated.RULES,
                3,
                now.plusSeconds(5),
                null)); // older than the moderator's approval

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(json(get("/api/comments/" + approvedByHand + "/history", moderator()))
                                .get("items"))
                        .hasSize(2));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(json(get("/api/comments/" + rejected + "/history", moderator()))
                                .get("items"))
                        .hasSize(2));
        assertThat(json(get("/api/comments/" + rejected)).get("status").asString())
                .isEqualTo("REJECTED");
        assertThat(json(get("/api/comments/" + approvedByHand)).get("status").asString())
                .isEqualTo("APPROVED");
    }

    @Test
    void approvedCommentsAreListedThreadedWithRepliesAfterTheirParent() {
        UUID articleId = openArticle();
        UUID a = postComment(articleId, "A", "a", null);
        UUID b = postComment(articleId, "B", "b", null);
        UUID a1 = postComment(articleId, "A1", "a1", a);
        UUID b1 = postComment(articleId, "B1", "b1", b);
        UUID a2 = postComment(articleId, "A2", "a2", a);
        UUID a1a = postComment(articleId, "A1a", "a1a", a1);
        UUID held = postComment(articleId, "H", "held", null);
        UUID orphan = postComment(articleId, "H1", "reply to held", held);
        for (UUID id : List.of(a, b, a1, b1, a2, a1a, orphan)) {
            publish(decision(articleId, id, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
        }
        publish(decision(articleId, held, Decision.HELD, CommentModerated.RULES, Instant.now()));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(json(get("/api/articles/" + articleId + "/comments"))
                                .get("total")
                                .asLong())
                        .isEqualTo(7));
        awaitStatus(held, "HELD");

        assertThat(ids(json(get("/api/articles/" + articleId + "/comments?size=50"))))
                // a reply whose parent is not approved keeps its place: where its parent would be
                .containsExactly(a, a1, a1a, a2, b, b1, orphan);
        JsonNode second = json(get("/api/articles/" + articleId + "/comments?page=1&size=3"));
        assertThat(ids(second)).containsExactly(a2, b, b1);
        assertThat(second.get("total").asLong()).isEqualTo(7);
        assertThat(second.get("comments").get(0).get("parentId").asString()).isEqualTo(a.toString());
    }

    @Test
    void aVeryDeepReplyChainIsListedInReplyOrder() {
        UUID articleId = openArticle();
        List<UUID> chain = new ArrayList<>();
        UUID parent = null;
        // 60 levels of 57-character segments would be a key over PostgreSQL's btree entry limit (~2.7 kB)
        // if keys nested all the way down; past MAX_NESTED_KEY they stop nesting.
        for (int depth = 0; depth < 60; depth++) {
            parent = postComment(articleId, "R" + depth, "reply at depth " + depth, parent);
            chain.add(parent);
        }
        UUID later = postComment(articleId, "Z", "a later top-level comment", null);
        for (UUID id : chain) {
            publish(decision(articleId, id, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
        }
        publish(decision(articleId, later, Decision.APPROVED, CommentModerated.RULES, Instant.now()));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(json(get("/api/articles/" + articleId + "/comments"))
                                .get("total")
                                .asLong())
                        .isEqualTo(61));
        List<UUID> expected = new ArrayList<>(chain);
        expected.add(later);
        assertThat(ids(json(get("/api/articles/" + articleId + "/comments?size=100"))))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aStreamWatcherReceivesANewlyApprovedComment() throws Exception {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Eve", "Live <script>x</script>", null);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/articles/" + articleId + "/comments/stream"))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = new Thread(
                () -> {
                    try {
                        response.body().forEach(lines::add);
                    } catch (java.io.UncheckedIOException closedByTheTest) {
                        // the test closes the stream at its end
                    }
                },
                "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(lines.poll(20, TimeUnit.SECONDS))
                    .as("the stream opens with a comment line")
                    .startsWith(":");

            publish(decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, Instant.now()));

            String event = null;
            String data = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (data == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:") && "comment".equals(event)) {
                    data = line.substring("data:".length());
                }
            }
            assertThat(data).as("an approved comment event").isNotNull();
            JsonNode item = JSON.readTree(data);
            assertThat(item.get("id").asString()).isEqualTo(commentId.toString());
            assertThat(item.get("author").asString()).isEqualTo("Eve");
            assertThat(item.get("text").asString()).isEqualTo("Live <script>x</script>");
            assertThat(item.get("createdAt").asString()).isNotBlank();
            assertThat(watchersGauge()).isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":heartbeat"));
        } finally {
            response.body().close();
        }
        // the heartbeat finds the closed connection and forgets it
        await().atMost(Duration.ofSeconds(30)).until(() -> watchersGauge() == 0.0);
    }

    @Test
    void streamingAnUnknownArticleIs404() {
        assertProblem(
                get("/api/articles/" + UUID.randomUUID() + "/comments/stream", "Accept", "text/event-stream"), 404);
    }

    @Test
    void aGarbageDecisionGoesToTheDeadLetterTopicAndTheListenerGoesOn() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        publishRaw(Topics.COMMENT_MODERATED.name(), key, "{not json".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOn(Topics.COMMENT_MODERATED.deadLetterName()).stream()
                        .anyMatch(r -> key.equals(r.key())));

        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "F", "after the poison", null);
        publish(decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
        awaitStatus(commentId, "APPROVED");
    }

    @Test
    void aDecisionForAnUnknownCommentIsSkipped() {
        UUID articleId = openArticle();
        UUID unknown = UUID.randomUUID();
        publish(decision(articleId, unknown, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
        UUID commentId = postComment(articleId, "G", "next", null);
        publish(decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, Instant.now()));

        awaitStatus(commentId, "APPROVED");
        assertThat(jdbc.sql("SELECT count(*) FROM comment_decision WHERE comment_id = :id")
                        .param("id", unknown)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static List<UUID> ids(JsonNode page) {
        return StreamSupport.stream(page.get("comments").spliterator(), false)
                .map(c -> UUID.fromString(c.get("id").asString()))
                .toList();
    }
}
