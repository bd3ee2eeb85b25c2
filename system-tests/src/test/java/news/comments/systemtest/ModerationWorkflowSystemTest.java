package news.comments.systemtest;

import static news.comments.systemtest.Scenario.EVENTUALLY;
import static news.comments.systemtest.Scenario.awaitDecision;
import static news.comments.systemtest.Scenario.commentsPath;
import static news.comments.systemtest.Scenario.createArticle;
import static news.comments.systemtest.Scenario.postCommentOnceArticleIsKnown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import news.comments.systemtest.SharedStack.SystemUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The moderator's workflows through the gateway: the held queue, decisions by hand, the versioned rule
 * set, reader reports hiding an approved comment, and the history of every decision. The rule changes made here
 * only add words no other test uses, so tests sharing the stack are not affected.
 */
@ExtendWith(SharedStack.class)
class ModerationWorkflowSystemTest {

    private static final String MODERATOR = "system-test-moderator";
    private static final String THREE_LINKS = "See https://a.example, https://b.example and https://c.example";

    private static Api api;
    private static String token;

    @BeforeAll
    static void login(SystemUnderTest system) {
        api = system.api();
        token = system.moderatorToken();
    }

    @Test
    void aHeldCommentWaitsInTheQueueAndAppearsOnceAModeratorApprovesIt() {
        String articleId = createArticle(api, token, "Held for review");
        String commentId = post(articleId, "Hedda", THREE_LINKS);
        assertThat(awaitDecision(api, commentId).text("status")).isEqualTo("HELD");

        JsonNode item = findInQueue(commentId).orElseThrow(() -> new AssertionError("not in the queue"));
        assertThat(item.path("articleId").asString()).isEqualTo(articleId);
        assertThat(item.path("author").asString()).isEqualTo("Hedda");
        assertThat(item.path("text").asString()).isEqualTo(THREE_LINKS);
        assertThat(codes(item.path("reasons"))).contains("TOO_MANY_LINKS");
        assertThat(api.get(commentsPath(articleId)).body().path("total").asLong())
                .isZero();

        Api.Reply decided = decide(articleId, commentId, "APPROVE", "Links checked, all fine.");
        assertThat(decided.status()).as("decide: %s", decided).isEqualTo(202);

        awaitStatus(commentId, "APPROVED");
        await("the approved comment in the list")
                .atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(api.get(commentsPath(articleId))
                                .body()
                                .path("comments")
                                .get(0)
                                .path("id")
                                .asString())
                        .isEqualTo(commentId));
        assertThat(findInQueue(commentId)).as("gone from the queue").isEmpty();

        JsonNode history = history(commentId);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("decision").asString()).isEqualTo("HELD");
        assertThat(history.get(0).path("decidedBy").asString()).isEqualTo("RULES");
        assertThat(codes(history.get(0).path("reasons"))).contains("TOO_MANY_LINKS");
        assertThat(history.get(0).path("rulesVersion").asLong()).isPositive();
        assertThat(history.get(1).path("decision").asString()).isEqualTo("APPROVED");
        assertThat(history.get(1).path("decidedBy").asString()).isEqualTo(MODERATOR);
        assertThat(history.get(1).path("note").asString()).isEqualTo("Links checked, all fine.");
        assertThat(history.get(1).path("decidedAt").asString()).isNotBlank();
        assertThat(history.get(1).path("rulesVersion").asLong()).isPositive();
    }

    @Test
    void aModeratorRejectsAHeldCommentAndRemovesAnApprovedOne() {
        String articleId = createArticle(api, token, "Reject and remove");
        String held = post(articleId, "Ivo", THREE_LINKS);
        String approved = post(articleId, "Jana", "A perfectly civil remark.");
        assertThat(awaitDecision(api, held).text("status")).isEqualTo("HELD");
        assertThat(awaitDecision(api, approved).text("status")).isEqualTo("APPROVED");

        assertThat(decide(articleId, held, "REJECT", "Spam.").status()).isEqualTo(202);
        assertThat(decide(articleId, approved, "REMOVE", "Posted in error by the reader.")
                        .status())
                .isEqualTo(202);

        awaitStatus(held, "REJECTED");
        awaitStatus(approved, "REMOVED");
        await("the removed comment leaves the list")
                .atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(api.get(commentsPath(articleId))
                                .body()
                                .path("total")
                                .asLong())
                        .isZero());
        assertThat(history(approved))
                .extracting(i -> i.path("decision").asString())
                .containsExactly("APPROVED", "REMOVED");
        assertThat(history(held))
                .extracting(i -> i.path("decidedBy").asString())
                .containsExactly("RULES", MODERATOR);
    }

    @Test
    void decisionsAreRefusedForBadInputAndChangeNothingOnAnUnknownCommentOrAnotherArticle() {
        String articleId = createArticle(api, token, "Bad decisions");
        String otherArticleId = createArticle(api, token, "Another thread");
        String commentId = post(articleId, "Kai", "Hello.");
        assertThat(awaitDecision(api, commentId).text("status")).isEqualTo("APPROVED");

        Api invalid = api.invalidRequests();
        String decisions = "/api/moderation/comments/" + commentId + "/decisions";
        assertProblem(invalid.post(decisions, Map.of("articleId", articleId, "decision", "NUKE"), token), 400);
        assertProblem(invalid.post(decisions, Map.of("articleId", articleId, "note", "x"), token), 400);
        assertProblem(invalid.post(decisions, Map.of("decision", "REMOVE"), token), 400);
        assertProblem(invalid.post(decisions, Map.of("articleId", "not-a-uuid", "decision", "REMOVE"), token), 400);

        // Accepted (the decision is queued), but comment-service owns the comments and skips both.
        assertThat(decide(articleId, "00000000-0000-0000-0000-000000000000", "REMOVE", null)
                        .status())
                .isEqualTo(202);
        assertThat(decide(otherArticleId, commentId, "REMOVE", "Wrong thread.").status())
                .isEqualTo(202);
        assertThat(decide(articleId, commentId, "REJECT", "The one that counts.")
                        .status())
                .isEqualTo(202);

        awaitStatus(commentId, "REJECTED");
        await("nothing else lands on the comment")
                .during(Duration.ofSeconds(2))
                .atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(history(commentId))
                        .extracting(i -> i.path("decidedBy").asString() + " "
                                + i.path("decision").asString())
                        .containsExactly("RULES APPROVED", MODERATOR + " REJECTED"));
    }

    @Test
    void theRuleSetIsValidatedVersionedAndANewBannedWordTakesEffect() {
        Api.Reply current = api.get("/api/moderation/rules", token);
        assertThat(current.status()).as("rules: %s", current).isEqualTo(200);
        long version = current.body().path("version").asLong();
        Map<String, Object> rules = editable(current.body());

        Api invalid = api.invalidRequests();
        Map<String, Object> negative = new LinkedHashMap<>(rules);
        negative.put("maxLinks", -3);
        assertProblem(invalid.put("/api/moderation/rules", negative, token), 400);
        Map<String, Object> blankWord = new LinkedHashMap<>(rules);
        blankWord.put("bannedWords", List.of(" "));
        assertProblem(invalid.put("/api/moderation/rules", blankWord, token), 400);
        Map<String, Object> absurd = new LinkedHashMap<>(rules);
        absurd.put("maxLength", 2_000_000_000);
        assertProblem(invalid.put("/api/moderation/rules", absurd, token), 400);
        assertThat(api.get("/api/moderation/rules", token)
                        .body()
                        .path("version")
                        .asLong())
                .isEqualTo(version);

        Map<String, Object> withZebracorn = new LinkedHashMap<>(rules);
        List<String> banned = new ArrayList<>();
        current.body().path("bannedWords").forEach(word -> banned.add(word.asString()));
        banned.add("zebracorn");
        withZebracorn.put("bannedWords", banned);
        Api.Reply changed = api.put("/api/moderation/rules", withZebracorn, token);
        assertThat(changed.status()).as("put rules: %s", changed).isEqualTo(200);
        long newVersion = changed.body().path("version").asLong();
        assertThat(newVersion).isEqualTo(version + 1);
        assertThat(changed.body().path("updatedBy").asString()).isEqualTo(MODERATOR);

        assertProblem(api.put("/api/moderation/rules", withZebracorn, token), 409); // still based on the old version

        // Every version stays readable: the one a decision names and the one before it.
        Api.Reply versions = api.get("/api/moderation/rules/versions", token);
        assertThat(versions.status()).as("versions: %s", versions).isEqualTo(200);
        assertThat(versions.body().path("versions").get(0).path("version").asLong())
                .isEqualTo(newVersion);
        assertThat(versions.body().path("versions").get(0).path("publishedBy").asString())
                .isEqualTo(MODERATOR);
        Api.Reply previous = api.get("/api/moderation/rules/versions/" + version, token);
        assertThat(previous.status()).as("version %s: %s", version, previous).isEqualTo(200);
        assertThat(previous.body().path("bannedWords").toString()).doesNotContain("zebracorn");
        assertProblem(api.get("/api/moderation/rules/versions/" + (newVersion + 1000), token), 404);

        String articleId = createArticle(api, token, "New banned word");
        String commentId = post(articleId, "Lou", "What a Z-E-B-R-A-C-O-R-N.");
        Api.Reply decided = awaitDecision(api, commentId);
        assertThat(decided.text("status")).isEqualTo("REJECTED");
        assertThat(codes(decided.body().path("reasons"))).contains("BANNED_WORD");
        assertThat(history(commentId).get(0).path("rulesVersion").asLong()).isEqualTo(newVersion);
    }

    @Test
    void readerReportsHideAnApprovedCommentPendingReviewButOneReaderCountsOnce() {
        String articleId = createArticle(api, token, "Reported");
        String commentId = post(articleId, "Mo", "A comment readers will dislike.");
        assertThat(awaitDecision(api, commentId).text("status")).isEqualTo("APPROVED");
        int threshold = api.get("/api/moderation/rules", token)
                .body()
                .path("reportThreshold")
                .asInt();
        assertThat(threshold).as("reports are switched on").isPositive();

        // One reader reporting again and again is one report: the same id each time.
        Set<String> oneReadersReports = new HashSet<>();
        for (int i = 0; i < threshold; i++) {
            oneReadersReports.add(report(commentId, "rude #" + i, "198.51.100.1"));
        }
        assertThat(oneReadersReports).hasSize(1);
        assertThat(api.get("/api/comments/" + commentId).text("status")).isEqualTo("APPROVED");

        for (int i = 2; i <= threshold; i++) {
            report(commentId, "rude", "198.51.100." + i);
        }

        awaitStatus(commentId, "HELD");
        assertThat(api.get(commentsPath(articleId)).body().path("total").asLong())
                .isZero();
        JsonNode queued = findInQueue(commentId).orElseThrow(() -> new AssertionError("not in the queue"));
        assertThat(codes(queued.path("reasons"))).contains("REPORTED");
        JsonNode last = history(commentId).get(1);
        assertThat(last.path("decision").asString()).isEqualTo("HELD");
        assertThat(last.path("decidedBy").asString()).isEqualTo("RULES");
    }

    @Test
    void onlyModeratorsModerate() {
        String path = "/api/moderation/comments/00000000-0000-0000-0000-000000000000/decisions";
        assertProblem(api.get("/api/moderation/queue"), 401);
        assertProblem(api.get("/api/moderation/rules"), 401);
        assertProblem(api.invalidRequests().put("/api/moderation/rules", Map.of("version", 1), null), 401);
        assertProblem(
                api.post(
                        path, Map.of("articleId", "00000000-0000-0000-0000-000000000000", "decision", "APPROVE"), null),
                401);
        assertProblem(api.get("/api/comments/00000000-0000-0000-0000-000000000000/history"), 401);
        assertProblem(api.get("/api/moderation/rules", "not-a-token"), 401);
    }

    /** A report by the reader at {@code address} (the gateway believes the test client's X-Forwarded-For). */
    private static String report(String commentId, String reason, String address) {
        Api.Reply report = api.post(
                "/api/comments/" + commentId + "/reports",
                Map.of("reason", reason),
                null,
                Map.of("X-Forwarded-For", address));
        assertThat(report.status()).as("report: %s", report).isEqualTo(202);
        return report.text("id");
    }

    private static String post(String articleId, String author, String text) {
        Api.Reply posted = postCommentOnceArticleIsKnown(api, articleId, author, text);
        assertThat(posted.status()).as("post: %s", posted).isEqualTo(202);
        return posted.text("id");
    }

    private static Api.Reply decide(String articleId, String commentId, String decision, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("articleId", articleId);
        body.put("decision", decision);
        if (note != null) {
            body.put("note", note);
        }
        return api.post("/api/moderation/comments/" + commentId + "/decisions", body, token);
    }

    private static void awaitStatus(String commentId, String status) {
        await("comment " + commentId + " to be " + status)
                .atMost(EVENTUALLY)
                .untilAsserted(
                        () -> assertThat(api.get("/api/comments/" + commentId).text("status"))
                                .isEqualTo(status));
    }

    private static JsonNode history(String commentId) {
        Api.Reply reply = api.get("/api/comments/" + commentId + "/history", token);
        assertThat(reply.status()).as("history: %s", reply).isEqualTo(200);
        return reply.body().path("items");
    }

    /** Pages through the held queue (oldest first) looking for the comment. */
    private static Optional<JsonNode> findInQueue(String commentId) {
        for (int page = 0; page < 20; page++) {
            Api.Reply queue = api.get("/api/moderation/queue?page=" + page + "&size=50", token);
            assertThat(queue.status()).as("queue: %s", queue).isEqualTo(200);
            JsonNode items = queue.body().path("items");
            Optional<JsonNode> found = StreamSupport.stream(items.spliterator(), false)
                    .filter(i -> i.path("id").asString().equals(commentId))
                    .findFirst();
            if (found.isPresent() || items.isEmpty()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static List<String> codes(JsonNode reasons) {
        List<String> codes = new ArrayList<>();
        reasons.forEach(r -> codes.add(r.path("code").asString()));
        return codes;
    }

    private static Map<String, Object> editable(JsonNode view) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JsonMapper.shared().convertValue(view, Map.class);
        return new LinkedHashMap<>(map);
    }

    private static void assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("title").asString()).isNotBlank();
    }
}
