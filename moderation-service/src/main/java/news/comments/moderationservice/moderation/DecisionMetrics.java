package news.comments.moderationservice.moderation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;

/**
 * What the moderation topology decides, for ops.
 *
 * <ul>
 *   <li>{@code moderation_decisions_total{source, decision}}: decisions published, by who took them ({@code
 *       rules}: the automatic decision, {@code moderator}, {@code reports}: a hold after reports) and outcome.
 *   <li>{@code moderation_decision_latency_seconds} (a histogram, for percentiles across instances): from a
 *       comment's submission ({@code submittedAt}, stamped by comment-service when it accepted the comment) to
 *       its automatic decision. It covers comment-service's outbox, Kafka, the close grace every comment waits
 *       on purpose and any backlog here; not the landing in comment-service (docs/adr, "ops metrics").
 * </ul>
 *
 * <p>Counted as the topology forwards the decision. Under exactly-once the output is committed with the
 * stores, but a counter is not: a transaction aborted and redone (a crash, a fenced producer) counts its
 * decisions twice on the instance that redoes it. Rare, and a rate is what is alerted on. The counters are
 * made once, looked up by index per decision.
 */
public final class DecisionMetrics {

    /** The sources of a decision, as tagged. */
    public enum Source {
        RULES,
        MODERATOR,
        REPORTS
    }

    private final Map<Source, Map<Decision, Counter>> decisions = new EnumMap<>(Source.class);
    private final Timer latency;

    public DecisionMetrics(MeterRegistry meters) {
        for (Source source : Source.values()) {
            Map<Decision, Counter> bySource = new EnumMap<>(Decision.class);
            for (Decision decision : Decision.values()) {
                bySource.put(
                        decision,
                        Counter.builder("moderation.decisions")
                                .description("Decisions published on comments.moderated.v1, by source and outcome")
                                .tag("source", source.name().toLowerCase(Locale.ROOT))
                                .tag("decision", decision.name().toLowerCase(Locale.ROOT))
                                .register(meters));
            }
            decisions.put(source, bySource);
        }
        latency = Timer.builder("moderation.decision.latency")
                .description("From a comment's submission to its automatic decision (close grace included)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
    }

    /** Meters nobody reads: for topologies built without a registry (tests, benchmarks). */
    public static DecisionMetrics none() {
        return new DecisionMetrics(new SimpleMeterRegistry());
    }

    /** The automatic decision on a comment submitted at {@code submittedAtMs}, taken at {@code decidedAtMs}. */
    void automatic(Decision decision, long submittedAtMs, long decidedAtMs) {
        decisions.get(Source.RULES).get(decision).increment();
        latency.record(Math.max(0, decidedAtMs - submittedAtMs), TimeUnit.MILLISECONDS);
    }

    void published(Source source, CommentModerated decision) {
        decisions.get(source).get(decision.decision()).increment();
    }
}
