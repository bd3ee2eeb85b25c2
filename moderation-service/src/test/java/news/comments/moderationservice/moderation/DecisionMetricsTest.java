package news.comments.moderationservice.moderation;

import static news.comments.moderationservice.moderation.ModerationDriver.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import news.comments.events.Reason;
import news.comments.moderationservice.rules.RuleSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decision counters and the submission-to-decision latency, read from the topology in a test driver. */
class DecisionMetricsTest {

    private static final RuleSet RULES = RuleSet.of(4, List.of("idiot"), 2, 5000);
    private static final Duration GRACE = Duration.ofMillis(200);

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final UUID articleId = UUID.randomUUID();
    private ModerationDriver driver;

    @BeforeEach
    void start() {
        driver = new ModerationDriver(
                new ModerationSettings(GRACE, Duration.ofMillis(20), Duration.ofDays(30), Duration.ofDays(7)),
                RULES,
                new DecisionMetrics(meters));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void countsEachDecisionBySourceAndOutcomeAndTimesSubmissionToDecision() {
        driver.article(new ArticleState(articleId, "An article", true, null, null, 1, START.minusSeconds(3600)));
        CommentSubmitted fine = comment("A fine article.", driver.now());
        CommentSubmitted rude = comment("What an idiot.", driver.now());
        // Submitted 3 s before it reached moderation (a slow outbox, a backlog): the latency shows it.
        CommentSubmitted late = comment("Late but fine.", driver.now().minusSeconds(3));
        driver.comment(fine);
        driver.comment(rude);
        driver.comment(late);
        driver.passGrace();
        List<CommentModerated> automatic =
                driver.decisions().stream().map(r -> r.value()).toList();
        assertThat(automatic).hasSize(3);
        long rulesRejected = automatic.stream()
                .filter(d -> d.decision() == Decision.REJECTED)
                .count();
        long rulesHeld =
                automatic.stream().filter(d -> d.decision() == Decision.HELD).count();
        assertThat(rulesRejected + rulesHeld).isEqualTo(1);

        driver.decision(new CommentModerated(
                UUID.randomUUID(),
                fine.commentId(),
                articleId,
                Decision.REMOVED,
                List.of(new Reason("MODERATOR_REMOVE", "Off topic.")),
                "mod",
                4,
                driver.now(),
                null));

        assertThat(count("rules", "approved")).isEqualTo(2);
        assertThat(count("rules", "rejected")).isEqualTo(rulesRejected);
        assertThat(count("rules", "held")).isEqualTo(rulesHeld);
        assertThat(count("moderator", "removed")).isEqualTo(1);
        assertThat(count("reports", "held")).isZero();

        Timer latency = meters.get("moderation.decision.latency").timer();
        assertThat(latency.count()).isEqualTo(3);
        // Grace plus the punctuation interval for the two on time; over 3 s for the late one.
        assertThat(latency.max(TimeUnit.MILLISECONDS)).isBetween(3000.0, 3000.0 + 2 * GRACE.toMillis());
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(3000.0 + 2 * GRACE.toMillis());

        String scrape = meters.scrape();
        assertThat(scrape)
                .contains("moderation_decisions_total{decision=\"approved\",source=\"rules\"} 2.0")
                .contains("moderation_decisions_total{decision=\"removed\",source=\"moderator\"} 1.0")
                .containsPattern("moderation_decision_latency_seconds_bucket\\{le=\"[0-9.]+\"} 2")
                .contains("moderation_decision_latency_seconds_count 3");
    }

    private double count(String source, String decision) {
        return meters.get("moderation.decisions")
                .tag("source", source)
                .tag("decision", decision)
                .counter()
                .count();
    }

    private CommentSubmitted comment(String text, Instant submittedAt) {
        return new CommentSubmitted(
                UUID.randomUUID(), articleId, null, "reader-" + UUID.randomUUID(), text, submittedAt);
    }
}
