package news.comments.moderationservice.moderation;

import static news.comments.moderationservice.moderation.ModerationDriver.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import news.comments.moderationservice.rules.RuleSet;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModerationTopologyTest {

    private static final RuleSet RULES = RuleSet.of(4, List.of("idiot"), 2, 5000);
    private static final Duration GRACE = Duration.ofMillis(200);

    private ModerationDriver driver;
    private final UUID articleId = UUID.randomUUID();

    @BeforeEach
    void start() {
        driver = new ModerationDriver(
                new ModerationSettings(GRACE, Duration.ofMillis(20), Duration.ofDays(30), Duration.ofDays(7)), RULES);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void approvesANormalCommentOnceItsGraceHasPassed() {
        driver.article(open(1, START.minusSeconds(3600)));
        CommentSubmitted comment = comment("A fine article.", driver.now());

        driver.comment(comment);
        driver.advance(GRACE.minusMillis(20));
        assertThat(driver.decisions()).as("no decision inside the close grace").isEmpty();
        driver.passGrace();

        List<TestRecord<String, CommentModerated>> decisions = driver.decisions();
        assertThat(decisions).singleElement().satisfies(record -> {
            CommentModerated decision = record.value();
            assertThat(record.key()).isEqualTo(articleId.toString());
            assertThat(decision.decision()).isEqualTo(Decision.APPROVED);
            assertThat(decision.reasons()).isEmpty();
            assertThat(decision.commentId()).isEqualTo(comment.commentId());
            assertThat(decision.articleId()).isEqualTo(articleId);
            assertThat(decision.decisionId()).isEqualTo(CommentModerated.automaticDecisionId(comment.commentId()));
            assertThat(decision.decidedBy()).isEqualTo(CommentModerated.RULES);
            assertThat(decision.rulesVersion()).isEqualTo(4);
            assertThat(decision.decidedAt())
                    .isAfterOrEqualTo(comment.submittedAt().plus(GRACE));
            assertThat(record.getRecordTime()).isEqualTo(decision.decidedAt());
        });
    }

    @Test
    void decidesACommentThatArrivesLongAfterEveryEarlierOneWasDecided() {
        driver.article(open(1, START.minusSeconds(3600)));
        CommentSubmitted first = comment("The first one.", driver.now());
        driver.comment(first);
        driver.passGrace();
        assertThat(driver.decisions())
                .singleElement()
                .satisfies(record -> assertThat(record.value().commentId()).isEqualTo(first.commentId()));

        // Nothing waits now, so the wall-clock check stops; a new comment must start it again.
        driver.advance(Duration.ofMinutes(5));
        CommentSubmitted later = comment("Much later.", driver.now());
        driver.comment(later);
        driver.advance(GRACE.minusMillis(20));
        assertThat(driver.decisions()).as("no decision inside the close grace").isEmpty();
        driver.passGrace();

        assertThat(driver.decisions()).singleElement().satisfies(record -> {
            assertThat(record.value().commentId()).isEqualTo(later.commentId());
            assertThat(record.value().decision()).isEqualTo(Decision.APPROVED);
        });
    }

    @Test
    void rejectsCommentsSubmittedAtOrAfterTheCloseEvenWhenTheCloseArrivesAfterThem() {
        driver.article(open(1, START.minusSeconds(3600)));
        Instant closedAt = driver.now();
        CommentSubmitted atClose = comment("Just in time?", closedAt);
        driver.comment(atClose);
        driver.advance(Duration.ofMillis(50));
        CommentSubmitted afterClose = comment("Still here?", driver.now());
        driver.comment(afterClose);
        driver.advance(Duration.ofMillis(60));

        driver.article(closed(2, closedAt)); // reaches Kafka 110 ms late, within the grace
        driver.passGrace();

        assertThat(driver.decisions()).extracting(TestRecord::value).hasSize(2).allSatisfy(decision -> {
            assertThat(decision.decision()).isEqualTo(Decision.REJECTED);
            assertThat(decision.reasons()).extracting("code").containsExactly("THREAD_CLOSED");
            assertThat(decision.reasons()).extracting("text").containsExactly("Comments are closed.");
        });
    }

    @Test
    void judgesACommentSubmittedBeforeTheCloseAsOpenEvenWhenItArrivesAfterTheClose() {
        Instant closedAt = driver.now().minusMillis(10);
        driver.article(open(1, START.minusSeconds(3600)));
        driver.article(closed(2, closedAt));

        driver.comment(comment("Written before the close.", closedAt.minusMillis(1)));
        driver.passGrace();

        assertThat(driver.decisions())
                .singleElement()
                .satisfies(record -> assertThat(record.value().decision()).isEqualTo(Decision.APPROVED));
    }

    @Test
    void acceptsCommentsAgainAfterAReopenButNotThoseSubmittedWhileClosed() {
        Instant closedAt = START.minusSeconds(600);
        Instant reopenedAt = START.minusSeconds(300);
        driver.article(open(1, START.minusSeconds(3600)));
        driver.article(closed(2, closedAt));
        driver.article(open(3, reopenedAt));

        CommentSubmitted beforeClose = comment("before", closedAt.minusSeconds(1));
        CommentSubmitted whileClosed = comment("while closed", closedAt.plusSeconds(1));
        CommentSubmitted afterReopen = comment("after reopen", reopenedAt.plusSeconds(1));
        driver.comment(afterReopen);
        driver.comment(whileClosed);
        driver.comment(beforeClose);

        // Long past their grace: an old replay is decided at once, no waiting.
        assertThat(driver.decisions())
                .extracting(TestRecord::value)
                .extracting(CommentModerated::commentId, CommentModerated::decision)
                .containsExactly(
                        tuple(afterReopen.commentId(), Decision.APPROVED),
                        tuple(whileClosed.commentId(), Decision.REJECTED),
                        tuple(beforeClose.commentId(), Decision.APPROVED));
    }

    @Test
    void ignoresAStaleSnapshotThatWouldReplaceANewerOne() {
        driver.article(open(3, START.minusSeconds(60)));
        driver.article(closed(2, START.minusSeconds(30))); // an older version, redelivered late

        driver.comment(comment("hello", START.minusSeconds(10)));

        assertThat(driver.decisions())
                .singleElement()
                .satisfies(record -> assertThat(record.value().decision()).isEqualTo(Decision.APPROVED));
    }

    @Test
    void decidesARedeliveredSubmissionOnlyOnce() {
        driver.article(open(1, START.minusSeconds(3600)));
        CommentSubmitted comment = comment("Once only.", driver.now());

        driver.comment(comment);
        driver.comment(comment); // redelivered while still waiting
        driver.passGrace();
        driver.comment(comment); // redelivered after the decision
        driver.passGrace();

        assertThat(driver.decisions())
                .singleElement()
                .satisfies(record -> assertThat(record.value().commentId()).isEqualTo(comment.commentId()));
    }

    @Test
    void decidesASubmissionRedeliveredAfterItsGraceButBeforeTheDueCheckOnlyOnce() {
        driver.article(open(1, START.minusSeconds(3600)));
        CommentSubmitted comment = comment("Twice, late.", driver.now());
        driver.comment(comment);

        driver.advance(GRACE); // due now, but the wall-clock check has not run since
        driver.comment(comment);
        driver.passGrace();

        assertThat(driver.decisions()).hasSize(1);
    }

    @Test
    void decidesAReplayOfACommentOlderThanTheTrackRetentionAgainWithTheSameDecisionId() {
        driver.article(open(1, START.minusSeconds(3600)));
        CommentSubmitted old = comment("An old one.", driver.now());
        driver.comment(old);
        driver.passGrace();
        CommentModerated first = driver.decisions().get(0).value();

        // Stream time moves past the retention (7 days here) with a newer comment; the old track's segment goes.
        driver.advance(Duration.ofDays(8));
        driver.comment(comment("Much later.", driver.now()));
        driver.passGrace();
        driver.comment(old);

        assertThat(driver.decisions())
                .filteredOn(record -> record.value().commentId().equals(old.commentId()))
                .singleElement()
                .satisfies(record -> assertThat(record.value().decisionId()).isEqualTo(first.decisionId()));
    }

    @Test
    void neverReadsItsOwnDecisionsBack() {
        assertThat(driver.sourceTopics()).doesNotContain(ModerationTopology.COMMENT_MODERATED.name());
    }

    @Test
    void publishesAModeratorsDecisionOnAnUntrackedCommentForCommentServiceToJudge() {
        CommentModerated decision = byModerator(UUID.randomUUID(), articleId, Decision.REMOVED);

        assertThat(driver.decision(decision)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(articleId.toString());
            assertThat(record.value()).isEqualTo(decision);
        });
    }

    @Test
    void dropsAModeratorsDecisionThatNamesAnotherArticleThanTheComments() {
        driver.article(open(1, START.minusSeconds(3600)));
        CommentSubmitted comment = comment("Mine.", driver.now());
        driver.comment(comment);
        driver.passGrace();
        driver.decisions();
        UUID otherArticle = UUID.randomUUID();

        assertThat(driver.decision(byModerator(comment.commentId(), otherArticle, Decision.REMOVED)))
                .isEmpty();
    }

    @Test
    void ignoresAnAutomaticDecisionOnTheModeratorDecisionsTopic() {
        driver.article(open(1, START.minusSeconds(3600)));
        CommentSubmitted comment = comment("Mine.", driver.now());
        driver.comment(comment);
        driver.passGrace();
        CommentModerated automatic = driver.decisions().get(0).value();

        assertThat(driver.decision(automatic)).isEmpty();
    }

    @Test
    void holdsACommentOnAnUnknownArticle() {
        driver.comment(comment("Anyone here?", driver.now()));
        driver.passGrace();

        assertThat(driver.decisions()).singleElement().satisfies(record -> {
            assertThat(record.value().decision()).isEqualTo(Decision.HELD);
            assertThat(record.value().reasons()).extracting("code").containsExactly("ARTICLE_UNKNOWN");
        });
    }

    @Test
    void judgesByTheArticleThatArrivesWithinTheGraceRatherThanHoldingAsUnknown() {
        CommentSubmitted comment = comment("Early bird.", driver.now());
        driver.comment(comment);
        driver.article(open(1, driver.now().minusSeconds(1)));
        driver.passGrace();

        assertThat(driver.decisions())
                .singleElement()
                .satisfies(record -> assertThat(record.value().decision()).isEqualTo(Decision.APPROVED));
    }

    @Test
    void rejectsByTheRulesAndNamesTheRulesVersion() {
        driver.article(open(1, START.minusSeconds(3600)));
        driver.comment(comment("You idiot.", driver.now()));
        driver.passGrace();

        assertThat(driver.decisions()).singleElement().satisfies(record -> {
            assertThat(record.value().decision()).isEqualTo(Decision.REJECTED);
            assertThat(record.value().reasons()).extracting("code").containsExactly("BANNED_WORD");
            assertThat(record.value().rulesVersion()).isEqualTo(4);
        });
    }

    @Test
    void sendsAnUnreadableRecordToTheRecovererAndGoesOnWithTheNext() {
        driver.article(open(1, START.minusSeconds(3600)));

        driver.garbage(articleId.toString(), "{not json".getBytes(StandardCharsets.UTF_8));
        CommentSubmitted good = comment("After the poison pill.", driver.now());
        driver.comment(good);
        driver.passGrace();

        assertThat(driver.deadLetters).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("comments.submitted.v1");
            assertThat(record.value()).isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(driver.decisions())
                .singleElement()
                .satisfies(record -> assertThat(record.value().commentId()).isEqualTo(good.commentId()));
    }

    private CommentModerated byModerator(UUID commentId, UUID article, Decision decision) {
        return new CommentModerated(
                UUID.randomUUID(),
                commentId,
                article,
                decision,
                List.of(new news.comments.events.Reason("MODERATOR_REMOVE", "Off topic.")),
                "mod",
                4,
                driver.now(),
                "Off topic.");
    }

    private CommentSubmitted comment(String text, Instant submittedAt) {
        return new CommentSubmitted(UUID.randomUUID(), articleId, null, "reader", text, submittedAt);
    }

    private ArticleState open(long version, Instant at) {
        return new ArticleState(articleId, "An article", true, null, null, version, at);
    }

    private ArticleState closed(long version, Instant closedAt) {
        return new ArticleState(articleId, "An article", false, closedAt, null, version, closedAt);
    }
}
