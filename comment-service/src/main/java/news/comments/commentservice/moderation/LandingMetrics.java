package news.comments.commentservice.moderation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import news.comments.events.CommentModerated;
import org.springframework.stereotype.Component;

/**
 * {@code comments.decisions.landed}: decisions landed, by outcome (there is no log line per decision); and
 * {@code comments.decision.landing.delay}: from a decision's {@code decidedAt} (moderation-service's clock) to its
 * landing here, for the decisions that changed something (applied or recorded); replays of old decisions are left
 * out, their delay says nothing about now. With moderation's {@code moderation_decision_latency_seconds} it makes
 * up what a reader waits for from posting to seeing the decision.
 */
@Component
class LandingMetrics {

    private final Map<DecisionLanding.Outcome, Counter> landed = new EnumMap<>(DecisionLanding.Outcome.class);
    private final Timer delay;

    LandingMetrics(MeterRegistry meters) {
        for (DecisionLanding.Outcome outcome : DecisionLanding.Outcome.values()) {
            landed.put(
                    outcome,
                    Counter.builder("comments.decisions.landed")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .description(
                                    "Decisions landed (committed): applied, recorded in history only, replayed, or for an unknown comment")
                            .register(meters));
        }
        delay = Timer.builder("comments.decision.landing.delay")
                .description("From a decision's decidedAt to its landing in comment-service (applied or recorded)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
    }

    /** Counts outcomes whose transaction has committed; {@code outcomes} are in the order of {@code decisions}. */
    void count(List<CommentModerated> decisions, List<DecisionLanding.Outcome> outcomes) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < outcomes.size(); i++) {
            DecisionLanding.Outcome outcome = outcomes.get(i);
            landed.get(outcome).increment();
            if (outcome == DecisionLanding.Outcome.APPLIED || outcome == DecisionLanding.Outcome.RECORDED_ONLY) {
                long decidedAt = decisions.get(i).decidedAt().toEpochMilli();
                delay.record(Math.max(0, now - decidedAt), TimeUnit.MILLISECONDS);
            }
        }
    }
}
