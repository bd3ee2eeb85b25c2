package news.comments.commentservice.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.comments.commentservice.comment.Comment;
import news.comments.commentservice.comment.CommentRepository;
import news.comments.commentservice.comment.CommentStatus;
import news.comments.commentservice.common.ReasonsJson;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import news.comments.events.Reason;
import news.comments.testsupport.EmbeddedPostgresDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Decisions on the real schema in a real PostgreSQL: a comment's moderation history, recording each decision
 * once, and which decision sets the comment's status. Each test runs in a transaction that is rolled back.
 */
@JdbcTest(properties = "spring.flyway.locations=classpath:db/migration,classpath:db/outbox")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({DecisionRepository.class, CommentRepository.class, ReasonsJson.class})
class DecisionRepositoryJdbcTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabases.jdbcUrl("comments_slice"));
        registry.add("spring.datasource.username", EmbeddedPostgresDatabases::username);
        registry.add("spring.datasource.password", EmbeddedPostgresDatabases::password);
    }

    @Autowired
    DecisionRepository decisions;

    @Autowired
    CommentRepository comments;

    private final UUID article = UUID.randomUUID();

    // --- history ---

    @Test
    void theHistoryListsACommentsDecisionsInTheOrderTheyWereTakenWithAllTheirFields() {
        UUID comment = pendingComment();
        CommentModerated byRules = automatic(comment, Decision.HELD, T0.plusSeconds(1));
        CommentModerated byModerator = new CommentModerated(
                UUID.randomUUID(),
                comment,
                article,
                Decision.APPROVED,
                List.of(new Reason("MODERATOR_APPROVE", "Fine after all.")),
                "mod-1",
                4,
                T0.plusSeconds(60),
                "Fine after all.");
        decisions.recordNew(List.of(byModerator)); // arrives first, was taken later
        decisions.recordNew(List.of(byRules));

        assertThat(decisions.history(comment))
                .containsExactly(
                        new HistoryItem(
                                Decision.HELD,
                                List.of(new Reason("LINK", "The comment contains a link.")),
                                "RULES",
                                T0.plusSeconds(1),
                                null,
                                3),
                        new HistoryItem(
                                Decision.APPROVED,
                                List.of(new Reason("MODERATOR_APPROVE", "Fine after all.")),
                                "mod-1",
                                T0.plusSeconds(60),
                                "Fine after all.",
                                4));
    }

    @Test
    void decisionsTakenAtTheSameMomentAreListedInTheOrderTheyArrived() {
        UUID comment = pendingComment();
        CommentModerated first = byModerator(comment, Decision.REJECTED, T0);
        CommentModerated second = byModerator(comment, Decision.APPROVED, T0);
        CommentModerated third = byModerator(comment, Decision.REMOVED, T0);
        decisions.recordNew(List.of(first, second));
        decisions.recordNew(List.of(third));

        assertThat(decisions.history(comment))
                .extracting(HistoryItem::decision)
                .containsExactly(Decision.REJECTED, Decision.APPROVED, Decision.REMOVED);
    }

    @Test
    void aDecisionDeliveredAgainIsRecordedOnce() {
        UUID comment = pendingComment();
        CommentModerated decision = automatic(comment, Decision.APPROVED, T0);

        assertThat(decisions.recordNew(List.of(decision))).containsExactly(DecisionRepository.Recorded.of(decision));
        CommentModerated next = byModerator(comment, Decision.REMOVED, T0.plusSeconds(5));
        assertThat(decisions.recordNew(List.of(decision, next))).containsExactly(DecisionRepository.Recorded.of(next));

        assertThat(decisions.history(comment)).hasSize(2);
        assertThat(decisions.isRecorded(decision.decisionId())).isTrue();
        assertThat(decisions.isRecorded(UUID.randomUUID())).isFalse();
    }

    @Test
    void aCommentNobodyDecidedOnHasAnEmptyHistoryAndOthersDecisionsAreNotInIt() {
        UUID undecided = pendingComment();
        UUID decided = pendingComment();
        decisions.recordNew(List.of(automatic(decided, Decision.APPROVED, T0)));

        assertThat(decisions.history(undecided)).isEmpty();
        assertThat(decisions.history(decided)).hasSize(1);
    }

    // --- which decision sets the status ---

    @Test
    void theAutomaticDecisionSettlesAPendingCommentButNotOneAModeratorDecided() {
        UUID pending = pendingComment();
        UUID decidedByHand = pendingComment();
        apply(byModerator(decidedByHand, Decision.REJECTED, T0));

        Map<UUID, Long> applied = decisions.applyWhereDue(List.of(
                automatic(pending, Decision.APPROVED, T0.plusSeconds(1)),
                automatic(decidedByHand, Decision.APPROVED, T0.plusSeconds(1))));

        assertThat(applied).containsOnlyKeys(pending).containsEntry(pending, 1L);
        assertThat(status(pending)).isEqualTo(CommentStatus.APPROVED);
        assertThat(status(decidedByHand)).isEqualTo(CommentStatus.REJECTED);
    }

    @Test
    void aModeratorsNewerDecisionReplacesAnEarlierOneAndAnOlderOneChangesNothing() {
        UUID comment = pendingComment();
        CommentModerated rules = automatic(comment, Decision.HELD, T0);
        CommentModerated approve = byModerator(comment, Decision.APPROVED, T0.plusSeconds(60));
        CommentModerated staleReject = byModerator(comment, Decision.REJECTED, T0.plusSeconds(30));

        assertThat(decisions.applyWhereDue(List.of(rules))).containsEntry(comment, 1L);
        assertThat(decisions.applyWhereDue(List.of(approve))).containsEntry(comment, 2L);
        assertThat(decisions.applyWhereDue(List.of(staleReject))).isEmpty();

        assertThat(status(comment)).isEqualTo(CommentStatus.APPROVED);
        assertThat(decisions.isApplied(comment, approve.decisionId())).isTrue();
        assertThat(decisions.isApplied(comment, staleReject.decisionId())).isFalse();
    }

    @Test
    void aHoldForReportsHidesAnApprovedCommentUnlessANewerDecisionWasApplied() {
        UUID approvedByRules = pendingComment();
        apply(automatic(approvedByRules, Decision.APPROVED, T0));
        UUID approvedLater = pendingComment();
        apply(byModerator(approvedLater, Decision.APPROVED, T0.plusSeconds(120)));

        CommentModerated reportsOnFirst = reportHold(approvedByRules, T0.plusSeconds(60));
        CommentModerated reportsOnSecond = reportHold(approvedLater, T0.plusSeconds(60));
        decisions.applyWhereDue(List.of(reportsOnFirst, reportsOnSecond));

        assertThat(status(approvedByRules)).isEqualTo(CommentStatus.HELD);
        assertThat(status(approvedLater)).isEqualTo(CommentStatus.APPROVED);
    }

    @Test
    void theSameStatusAgainDoesNotCountAsAChange() {
        UUID comment = pendingComment();
        apply(byModerator(comment, Decision.APPROVED, T0));

        assertThat(decisions.applyWhereDue(List.of(byModerator(comment, Decision.APPROVED, T0.plusSeconds(1)))))
                .containsEntry(comment, 1L);
    }

    @Test
    void lockingTellsHowEachKnownCommentStandsAndLeavesUnknownIdsOut() {
        UUID pending = pendingComment();
        UUID approved = pendingComment();
        apply(automatic(approved, Decision.APPROVED, T0));
        UUID unknown = UUID.randomUUID();

        assertThat(decisions.lockComments(List.of(pending, approved, unknown)))
                .containsOnly(
                        Map.entry(pending, new DecisionRepository.Locked(article, CommentStatus.PENDING)),
                        Map.entry(approved, new DecisionRepository.Locked(article, CommentStatus.APPROVED)));
    }

    private void apply(CommentModerated decision) {
        decisions.recordNew(List.of(decision));
        assertThat(decisions.applyWhereDue(List.of(decision))).containsKey(decision.commentId());
    }

    private CommentStatus status(UUID comment) {
        return comments.find(comment).orElseThrow().status();
    }

    private UUID pendingComment() {
        Comment comment = new Comment(
                UUID.randomUUID(), article, null, "Ann", "Hi", CommentStatus.PENDING, List.of(), T0.minusSeconds(10));
        assertThat(comments.insert(comment, null)).isTrue();
        return comment.id();
    }

    private CommentModerated automatic(UUID comment, Decision decision, Instant at) {
        List<Reason> reasons = decision == Decision.HELD
                ? List.of(new Reason("LINK", "The comment contains a link."))
                : List.of(new Reason("CLEAN", "No rule matched."));
        return new CommentModerated(
                CommentModerated.automaticDecisionId(comment),
                comment,
                article,
                decision,
                reasons,
                CommentModerated.RULES,
                3,
                at,
                null);
    }

    /** The HELD moderation publishes when readers' reports reach the threshold: automatic, with its own id. */
    private CommentModerated reportHold(UUID comment, Instant at) {
        return new CommentModerated(
                UUID.randomUUID(),
                comment,
                article,
                Decision.HELD,
                List.of(new Reason("REPORTED", "3 readers reported the comment")),
                CommentModerated.RULES,
                3,
                at,
                null);
    }

    private CommentModerated byModerator(UUID comment, Decision decision, Instant at) {
        return new CommentModerated(
                UUID.randomUUID(),
                comment,
                article,
                decision,
                List.of(new Reason("MODERATOR_" + decision, "Decided by moderator mod-1.")),
                "mod-1",
                3,
                at,
                null);
    }
}
