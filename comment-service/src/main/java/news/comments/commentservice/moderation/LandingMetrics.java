package news.comments.commentservice.moderation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code comments.decisions.landed}: decisions landed, by outcome (there is no log line per decision). */
@Component
class LandingMetrics {

    private final Map<DecisionLanding.Outcome, Counter> landed = new EnumMap<>(DecisionLanding.Outcome.class);

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
    }

    /** Counts outcomes whose transaction has committed. */
    void count(List<DecisionLanding.Outcome> outcomes) {
        outcomes.forEach(outcome -> landed.get(outcome).increment());
    }
}
