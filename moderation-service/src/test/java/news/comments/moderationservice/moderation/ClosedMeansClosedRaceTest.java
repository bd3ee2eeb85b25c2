package news.comments.moderationservice.moderation;

import static news.comments.moderationservice.moderation.ModerationDriver.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import news.comments.moderationservice.rules.RuleSet;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A flood of comments races a close: comments submitted across the close moment, each reaching Kafka a
 * few milliseconds after its submission, and the close snapshot reaching Kafka late (after many of the
 * post-close comments, within the grace). Every single decision must agree with the close time.
 */
class ClosedMeansClosedRaceTest {

    private static final Duration GRACE = Duration.ofMillis(200);
    private static final Duration STEP = Duration.ofMillis(5);
    private static final int COMMENTS = 600;

    @Test
    void approvesExactlyTheCommentsSubmittedBeforeTheCloseWhenTheCloseArrivesLate() {
        UUID articleId = UUID.randomUUID();
        UUID otherArticleId = UUID.randomUUID();
        Instant closedAt = START.plusMillis(1000);
        Duration closeDelay = Duration.ofMillis(150); // the close reaches Kafka this late
        Random random = new Random(42);

        // Submission times spread from 600 ms before to 600 ms after the close, some exactly at it.
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < COMMENTS; i++) {
            UUID target = i % 10 == 0 ? otherArticleId : articleId;
            Instant submittedAt = START.plusMillis(400 + 2L * i);
            CommentSubmitted comment = new CommentSubmitted(
                    UUID.randomUUID(), target, null, "reader-" + i, "Comment number " + i, submittedAt);
            arrivals.add(new Arrival(comment, submittedAt.plusMillis(random.nextInt(40))));
        }
        assertThat(arrivals).anyMatch(a -> a.comment().submittedAt().equals(closedAt));

        try (ModerationDriver driver = new ModerationDriver(
                new ModerationSettings(GRACE, Duration.ofMillis(20), Duration.ofDays(30), Duration.ofDays(7)),
                RuleSet.defaults())) {
            driver.article(new ArticleState(articleId, "Racing", true, null, null, 1, START.minusSeconds(3600)));
            driver.article(new ArticleState(otherArticleId, "Calm", true, null, null, 1, START.minusSeconds(3600)));

            boolean closePiped = false;
            int postCloseCommentsBeforeClose = 0;
            List<Arrival> waiting = new ArrayList<>(arrivals);
            waiting.sort((a, b) -> a.arrivesAt().compareTo(b.arrivesAt()));
            while (!waiting.isEmpty() || !closePiped) {
                Instant now = driver.now();
                if (!closePiped && !now.isBefore(closedAt.plus(closeDelay))) {
                    driver.article(new ArticleState(articleId, "Racing", false, closedAt, null, 2, closedAt));
                    closePiped = true;
                }
                while (!waiting.isEmpty() && !waiting.get(0).arrivesAt().isAfter(now)) {
                    Arrival next = waiting.remove(0);
                    driver.comment(next.comment());
                    if (!closePiped
                            && next.comment().articleId().equals(articleId)
                            && !next.comment().submittedAt().isBefore(closedAt)) {
                        postCloseCommentsBeforeClose++;
                    }
                }
                driver.advance(STEP);
            }
            driver.advance(GRACE.multipliedBy(2));
            assertThat(postCloseCommentsBeforeClose)
                    .as("post-close comments that beat the close to Kafka")
                    .isGreaterThan(50);

            List<CommentModerated> decisions =
                    driver.decisions().stream().map(TestRecord::value).toList();

            assertThat(decisions).hasSize(COMMENTS);
            Map<UUID, CommentModerated> byComment =
                    decisions.stream().collect(Collectors.toMap(CommentModerated::commentId, Function.identity()));
            assertThat(byComment).as("one decision per comment").hasSize(COMMENTS);
            for (Arrival arrival : arrivals) {
                CommentSubmitted comment = arrival.comment();
                CommentModerated decision = byComment.get(comment.commentId());
                boolean open = comment.articleId().equals(otherArticleId)
                        || comment.submittedAt().isBefore(closedAt);
                assertThat(decision.decision())
                        .as("comment submitted %s on %s", comment.submittedAt(), comment.articleId())
                        .isEqualTo(open ? Decision.APPROVED : Decision.REJECTED);
            }
        }
    }

    private record Arrival(CommentSubmitted comment, Instant arrivesAt) {}
}
