package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.CommentStatusChanged;
import news.comments.events.Decision;
import news.comments.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Decisions that arrive in one poll land together; the result must be the one of landing them one by one.
 * Each test holds the decision listener while it publishes, so the records of its batch are all there
 * when the listener polls again (they share an article, so a partition, so one fetch).
 */
class DecisionBatchIntegrationTest extends IntegrationTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MeterRegistry meters;

    @Test
    void aBatchWithReplayedDecisionsRecordsEachOnceAndWritesOneStatusChange() {
        long delaysBefore = landingDelays();
        UUID articleId = openArticle();
        UUID landedBefore = postComment(articleId, "Ann", "Landed before", null);
        UUID inTheBatch = postComment(articleId, "Bo", "Twice in the batch", null);
        CommentModerated earlier =
                decision(articleId, landedBefore, Decision.APPROVED, CommentModerated.RULES, Instant.now());
        publish(earlier);
        awaitStatus(landedBefore, "APPROVED");
        CommentModerated twice =
                decision(articleId, inTheBatch, Decision.APPROVED, CommentModerated.RULES, Instant.now());
        double replayedBefore = landed("replayed");

        publishAsOneBatch(List.of(earlier, twice, twice));

        awaitStatus(inTheBatch, "APPROVED");
        await().atMost(WAIT).until(() -> landed("replayed") >= replayedBefore + 2);
        assertThat(historySize(landedBefore)).isEqualTo(1);
        assertThat(historySize(inTheBatch)).isEqualTo(1);
        await().atMost(WAIT).until(() -> changesOf(inTheBatch).size() == 1);
        assertThat(changesOf(landedBefore))
                .singleElement()
                .extracting(CommentStatusChanged::version)
                .isEqualTo(1L);
        assertThat(changesOf(inTheBatch))
                .singleElement()
                .extracting(CommentStatusChanged::version)
                .isEqualTo(1L);
        assertThat(json(get("/api/articles/" + articleId + "/comments"))
                        .get("total")
                        .asLong())
                .isEqualTo(2);
        // Each decision that changed something is timed from its decidedAt to its landing; replays are not.
        assertThat(landingDelays()).isEqualTo(delaysBefore + 2);
    }

    @Test
    void severalDecisionsForOneCommentInOneBatchEndAsIfLandedOneByOne() {
        UUID articleId = openArticle();
        UUID oneByOne = postComment(articleId, "Cy", "Decided one decision at a time", null);
        UUID together = postComment(articleId, "Di", "Decided in one batch", null);
        Instant t = Instant.now();

        List<CommentModerated> sequence = sequence(articleId, oneByOne, t);
        for (int i = 0; i < sequence.size(); i++) {
            publish(sequence.get(i));
            long landed = i + 1;
            await().atMost(WAIT).until(() -> historySize(oneByOne) == landed);
        }
        publishAsOneBatch(sequence(articleId, together, t));

        await().atMost(WAIT).until(() -> historySize(together) == 4);
        await().atMost(WAIT)
                .until(() -> changesOf(together).size() == changesOf(oneByOne).size());
        assertThat(statusRow(together)).isEqualTo(statusRow(oneByOne)).isEqualTo("REMOVED/2");
        assertThat(changesOf(together))
                .extracting(c -> c.status() + "<-" + c.previousStatus() + " v" + c.version())
                .containsExactly("APPROVED<-null v1", "REMOVED<-APPROVED v2")
                .containsExactlyElementsOf(changesOf(oneByOne).stream()
                        .map(c -> c.status() + "<-" + c.previousStatus() + " v" + c.version())
                        .toList());
        assertThat(json(get("/api/comments/" + together + "/history", moderator()))
                        .get("items"))
                .extracting(i -> i.get("decision").asString() + " by "
                        + i.get("decidedBy").asString())
                .containsExactly(
                        "HELD by RULES",
                        "APPROVED by test-moderator",
                        "REJECTED by RULES",
                        "REMOVED by test-moderator");
    }

    @Test
    void aBatchWithADecisionForAnUnknownCommentSkipsItAndLandsTheOthers() {
        UUID articleId = openArticle();
        UUID first = postComment(articleId, "Ed", "First", null);
        UUID second = postComment(articleId, "Flo", "Second", null);
        UUID unknown = UUID.randomUUID();
        double unknownBefore = landed("unknown_comment");

        publishAsOneBatch(List.of(
                decision(articleId, first, Decision.APPROVED, CommentModerated.RULES, Instant.now()),
                decision(articleId, unknown, Decision.APPROVED, CommentModerated.RULES, Instant.now()),
                decision(articleId, second, Decision.HELD, CommentModerated.RULES, Instant.now())));

        awaitStatus(first, "APPROVED");
        awaitStatus(second, "HELD");
        await().atMost(WAIT).until(() -> landed("unknown_comment") >= unknownBefore + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM comment_decision WHERE comment_id = :id")
                        .param("id", unknown)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aDecisionNamingAnotherArticleThanTheCommentsIsSkippedLikeAnUnknownComment() {
        UUID articleId = openArticle();
        UUID otherArticle = openArticle();
        UUID comment = postComment(articleId, "Gus", "Mine", null);
        double unknownBefore = landed("unknown_comment");

        publishAsOneBatch(List.of(
                decision(otherArticle, comment, Decision.REMOVED, "test-moderator", Instant.now()),
                decision(articleId, comment, Decision.REJECTED, "test-moderator", Instant.now())));

        awaitStatus(comment, "REJECTED");
        await().atMost(WAIT).until(() -> landed("unknown_comment") >= unknownBefore + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM comment_decision WHERE comment_id = :id AND decision = 'REMOVED'")
                        .param("id", comment)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anUnreadableRecordInTheMiddleOfABatchGoesToTheDeadLetterTopicAndTheOthersLand() throws Exception {
        UUID articleId = openArticle();
        UUID before = postComment(articleId, "Gus", "Before the poison", null);
        UUID after = postComment(articleId, "Hal", "After the poison", null);
        double deadLettersBefore = deadLetters();
        byte[] poison = ("{not a decision " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        holdingTheListener(() -> {
            publish(decision(articleId, before, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
            publishRaw(Topics.COMMENT_MODERATED.name(), articleId.toString(), poison);
            publish(decision(articleId, after, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
        });

        awaitStatus(before, "APPROVED");
        awaitStatus(after, "APPROVED");
        await().atMost(WAIT)
                .until(() -> recordsOn(Topics.COMMENT_MODERATED.deadLetterName()).stream()
                        .anyMatch(r -> java.util.Arrays.equals(r.value(), poison)));
        assertThat(historySize(before)).isEqualTo(1);
        assertThat(historySize(after)).isEqualTo(1);
        assertThat(deadLetters()).isEqualTo(deadLettersBefore + 1);
    }

    @Test
    void aDecisionThatCannotLandGoesToTheDeadLetterTopicAfterRetriesAndTheRestOfItsBatchLands() {
        UUID articleId = openArticle();
        UUID first = postComment(articleId, "Ida", "First", null);
        UUID refused = postComment(articleId, "Jo", "Its decision is too long to store", null);
        UUID last = postComment(articleId, "Kim", "Last", null);
        // decided_by holds 200 characters: the database refuses this one, whatever the batch.
        CommentModerated unstorable = new CommentModerated(
                UUID.randomUUID(),
                refused,
                articleId,
                Decision.APPROVED,
                List.of(),
                "m".repeat(201),
                3,
                Instant.now(),
                null);

        publishAsOneBatch(List.of(
                decision(articleId, first, Decision.APPROVED, CommentModerated.RULES, Instant.now()),
                unstorable,
                decision(articleId, last, Decision.APPROVED, CommentModerated.RULES, Instant.now())));

        awaitStatus(first, "APPROVED");
        awaitStatus(last, "APPROVED");
        await().atMost(WAIT)
                .until(() -> recordsOn(Topics.COMMENT_MODERATED.deadLetterName()).stream()
                        .anyMatch(r -> articleId.toString().equals(r.key())));
        assertThat(json(get("/api/comments/" + refused)).get("status").asString())
                .isEqualTo("PENDING");
        assertThat(historySize(refused)).isZero();
    }

    /** Approve by hand, an automatic reject that comes too late, a report hold that is older, a newer removal. */
    private List<CommentModerated> sequence(UUID articleId, UUID commentId, Instant t) {
        return List.of(
                decision(articleId, commentId, Decision.APPROVED, "test-moderator", t),
                decision(articleId, commentId, Decision.REJECTED, CommentModerated.RULES, t.plusSeconds(1)),
                new CommentModerated(
                        UUID.randomUUID(),
                        commentId,
                        articleId,
                        Decision.HELD,
                        List.of(),
                        CommentModerated.RULES,
                        3,
                        t.minusSeconds(1),
                        null),
                decision(articleId, commentId, Decision.REMOVED, "test-moderator", t.plusSeconds(2)));
    }

    private void publishAsOneBatch(List<CommentModerated> decisions) {
        holdingTheListener(() -> decisions.forEach(this::publish));
    }

    private void holdingTheListener(ThrowingRunnable publishing) {
        MessageListenerContainer listener = listeners.getListenerContainer("decisions");
        listener.pause();
        try {
            await().atMost(WAIT).until(listener::isContainerPaused);
            publishing.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            listener.resume();
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private long historySize(UUID commentId) {
        return jdbc.sql("SELECT count(*) FROM comment_decision WHERE comment_id = :id")
                .param("id", commentId)
                .query(Long.class)
                .single();
    }

    private String statusRow(UUID commentId) {
        return jdbc.sql("SELECT status || '/' || status_version FROM comment WHERE id = :id")
                .param("id", commentId)
                .query(String.class)
                .single();
    }

    private long landingDelays() {
        return meters.get("comments.decision.landing.delay").timer().count();
    }

    private double deadLetters() {
        var counter = meters.find("comments.dead.letters")
                .tag("topic", Topics.COMMENT_MODERATED.deadLetterName())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double landed(String outcome) {
        return meters.get("comments.decisions.landed")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static List<CommentStatusChanged> changesOf(UUID commentId) {
        return recordsOn(Topics.COMMENT_STATUS.name()).stream()
                .filter(r -> r.value() != null)
                .map(IntegrationTestBase::<CommentStatusChanged>value)
                .filter(c -> c.commentId().equals(commentId))
                .toList();
    }
}
