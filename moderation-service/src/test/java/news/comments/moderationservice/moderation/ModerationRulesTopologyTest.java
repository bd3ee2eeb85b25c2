package news.comments.moderationservice.moderation;

import static news.comments.moderationservice.moderation.ModerationDriver.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentReported;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import news.comments.events.Reason;
import news.comments.moderationservice.rules.RuleSet;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stateful rules in the topology: author history per thread, reports, rule changes, the comment index. */
class ModerationRulesTopologyTest {

    private static final Duration GRACE = Duration.ofMillis(200);

    private ModerationDriver driver;
    private final UUID articleId = UUID.randomUUID();

    @BeforeEach
    void start() {
        driver = new ModerationDriver(
                new ModerationSettings(GRACE, Duration.ofMillis(20), Duration.ofDays(30), Duration.ofDays(7)),
                rules(1, 2, false, 3));
        driver.article(new ArticleState(articleId, "An article", true, null, null, 1, START.minusSeconds(3600)));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void rejectsTheCommentThatFloodsTheThreadAndRemembersTheAuthorsRecentComments() {
        for (String[] authorAndText :
                new String[][] {{"dan", "one"}, {"dan", "two"}, {"dan", "three"}, {"eve", "one"}}) {
            driver.comment(comment(authorAndText[0], authorAndText[1]));
            driver.advance(Duration.ofMillis(1)); // in this order
        }
        driver.passGrace();

        assertThat(driver.decisions())
                .extracting(r -> r.value().decision(), r -> codes(r.value()))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Decision.APPROVED, List.of()),
                        org.assertj.core.groups.Tuple.tuple(Decision.APPROVED, List.of()),
                        org.assertj.core.groups.Tuple.tuple(Decision.REJECTED, List.of("FLOOD")),
                        org.assertj.core.groups.Tuple.tuple(Decision.APPROVED, List.of()));
    }

    @Test
    void rejectsTheSameTextByTheSameAuthorInTheSameThreadOnly() {
        CommentSubmitted original = comment("dan", "Same words");
        driver.comment(original);
        driver.advance(Duration.ofSeconds(1));
        CommentSubmitted again = comment("dan", "same   WORDS");
        CommentSubmitted otherAuthor = comment("eve", "Same words");
        driver.comment(again);
        driver.comment(otherAuthor);
        driver.passGrace();

        java.util.Map<UUID, List<String>> codes = driver.decisions().stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.value().commentId(), r -> codes(r.value())));
        assertThat(codes)
                .containsEntry(original.commentId(), List.of())
                .containsEntry(again.commentId(), List.of("DUPLICATE"))
                .containsEntry(otherAuthor.commentId(), List.of());
    }

    @Test
    void holdsANewAuthorUntilAModeratorApprovesOneOfTheirComments() {
        driver.rules.set(rules(2, 100, true, 3));
        CommentSubmitted first = comment("fay", "Hello");
        driver.comment(first);
        driver.passGrace();
        assertThat(driver.decisions()).singleElement().satisfies(r -> {
            assertThat(r.value().decision()).isEqualTo(Decision.HELD);
            assertThat(codes(r.value())).containsExactly("NEW_AUTHOR");
            assertThat(r.value().rulesVersion()).isEqualTo(2);
        });

        CommentModerated approval =
                byModerator(first, Decision.APPROVED, driver.now().plusSeconds(1));
        assertThat(driver.decision(approval))
                .as("the moderator's decision is published as requested, keyed by article")
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.key()).isEqualTo(articleId.toString());
                    assertThat(r.value()).isEqualTo(approval);
                });
        driver.comment(comment("fay", "Me again"));
        driver.passGrace();

        assertThat(driver.decisions())
                .singleElement()
                .satisfies(r -> assertThat(r.value().decision()).isEqualTo(Decision.APPROVED));
    }

    @Test
    void hidesAnApprovedCommentOnceWhenDistinctReportsReachTheThreshold() {
        CommentSubmitted comment = comment("gil", "Controversial");
        driver.comment(comment);
        driver.passGrace();
        assertThat(driver.decisions())
                .singleElement()
                .satisfies(r -> assertThat(r.value().decision()).isEqualTo(Decision.APPROVED));

        CommentReported first = report(comment);
        driver.report(first);
        driver.report(first); // redelivered: counts once
        driver.report(report(comment));
        assertThat(driver.decisions())
                .as("two distinct reports are below the threshold")
                .isEmpty();

        driver.report(report(comment));
        List<TestRecord<String, CommentModerated>> holds = driver.decisions();
        assertThat(holds).singleElement().satisfies(r -> {
            CommentModerated hold = r.value();
            assertThat(r.key()).isEqualTo(articleId.toString());
            assertThat(hold.decision()).isEqualTo(Decision.HELD);
            assertThat(hold.decidedBy()).isEqualTo(CommentModerated.RULES);
            assertThat(codes(hold)).containsExactly("REPORTED");
            assertThat(hold.rulesVersion()).isEqualTo(1);
        });

        driver.report(report(comment));
        assertThat(driver.decisions()).as("already hidden").isEmpty();

        // A moderator approves it again: a new round needs three new reports.
        assertThat(driver.decision(
                        byModerator(comment, Decision.APPROVED, driver.now().plusSeconds(1))))
                .hasSize(1);
        driver.report(report(comment));
        driver.report(report(comment));
        assertThat(driver.decisions()).isEmpty();
        driver.report(report(comment));
        assertThat(driver.decisions()).singleElement().satisfies(r -> {
            assertThat(r.value().decision()).isEqualTo(Decision.HELD);
            assertThat(r.value().decisionId()).isNotEqualTo(holds.get(0).value().decisionId());
        });
    }

    @Test
    void threeReportsFromOneReaderLeaveTheCommentPublishedAndThreeReadersHoldIt() {
        CommentSubmitted comment = comment("lou", "Unpopular opinion");
        driver.comment(comment);
        driver.passGrace();
        assertThat(driver.decisions())
                .singleElement()
                .satisfies(r -> assertThat(r.value().decision()).isEqualTo(Decision.APPROVED));

        for (int i = 0; i < 3; i++) {
            driver.report(reportBy(comment, "reader-a")); // three reports, each with its own id, one reader
        }
        assertThat(driver.decisions()).as("one reader is one report").isEmpty();

        driver.report(reportBy(comment, "reader-b"));
        assertThat(driver.decisions()).as("two readers are below the threshold").isEmpty();
        driver.report(reportBy(comment, "reader-c"));

        assertThat(driver.decisions()).singleElement().satisfies(r -> {
            assertThat(r.value().decision()).isEqualTo(Decision.HELD);
            assertThat(codes(r.value())).containsExactly("REPORTED");
        });
    }

    @Test
    void reportsWithoutAReporterStillCountByReportAlongsideReportsThatNameOne() {
        CommentSubmitted comment = comment("max", "Mixed reports");
        driver.comment(comment);
        driver.passGrace();
        driver.decisions();

        CommentReported old = report(comment); // written before reports named their reporter
        driver.report(old);
        driver.report(old);
        driver.report(reportBy(comment, "reader-a"));
        assertThat(driver.decisions()).isEmpty();
        driver.report(reportBy(comment, "reader-a"));
        driver.report(report(comment));

        assertThat(driver.decisions())
                .singleElement()
                .satisfies(r -> assertThat(r.value().decision()).isEqualTo(Decision.HELD));
    }

    @Test
    void reportsDoNotTouchACommentThatIsNotApproved() {
        driver.rules.set(rules(2, 100, false, 1));
        CommentSubmitted rejected = comment("hal", "");
        driver.comment(rejected);
        driver.passGrace();
        assertThat(driver.decisions())
                .singleElement()
                .satisfies(r -> assertThat(r.value().decision()).isEqualTo(Decision.REJECTED));

        driver.report(report(rejected));
        driver.report(report(comment("nobody", "never submitted")));

        assertThat(driver.decisions()).isEmpty();
    }

    @Test
    void aRuleChangeAppliesToTheNextDecisionAndItsVersionIsRecorded() {
        driver.comment(comment("ida", "alpha beta"));
        driver.passGrace();
        driver.rules.set(RuleSet.of(5, List.of("beta"), 2, 5000));
        driver.comment(comment("jo", "alpha beta"));
        driver.passGrace();

        assertThat(driver.decisions())
                .extracting(r -> r.value().decision(), r -> r.value().rulesVersion())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Decision.APPROVED, 1L),
                        org.assertj.core.groups.Tuple.tuple(Decision.REJECTED, 5L));
    }

    private static RuleSet rules(long version, int floodMax, boolean newAuthors, int reportThreshold) {
        return new RuleSet(
                version,
                List.of(),
                List.of(),
                2,
                5000,
                0,
                600,
                floodMax,
                60,
                List.of(),
                false,
                Set.of(),
                newAuthors,
                reportThreshold);
    }

    private CommentSubmitted comment(String author, String text) {
        return new CommentSubmitted(UUID.randomUUID(), articleId, null, author, text, driver.now());
    }

    private CommentReported report(CommentSubmitted comment) {
        return new CommentReported(UUID.randomUUID(), comment.commentId(), comment.articleId(), "rude", driver.now());
    }

    private CommentReported reportBy(CommentSubmitted comment, String reporterId) {
        return new CommentReported(
                UUID.randomUUID(), comment.commentId(), comment.articleId(), "rude", driver.now(), reporterId);
    }

    private static CommentModerated byModerator(CommentSubmitted comment, Decision decision, Instant at) {
        return new CommentModerated(
                UUID.randomUUID(),
                comment.commentId(),
                comment.articleId(),
                decision,
                List.of(new Reason("MODERATOR_APPROVE", "ok")),
                "mod",
                1,
                at,
                "ok");
    }

    private static List<String> codes(CommentModerated decision) {
        return decision.reasons().stream().map(Reason::code).toList();
    }
}
