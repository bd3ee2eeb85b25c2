package news.comments.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's meters. The gauges read the table when scraped, so they are right for every instance of
 * the service, whichever relay sent or parked the rows.
 */
class OutboxMetrics {

    private final JdbcClient jdbc;
    private final Counter published;
    private final Counter transientFailures;
    private final Counter refusals;

    OutboxMetrics(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.published = Counter.builder("outbox.events.published")
                .description("Events the outbox relay delivered to Kafka")
                .register(meters);
        this.transientFailures = Counter.builder("outbox.events.failed")
                .tag("kind", "transient")
                .description("Sends that failed and will be tried again (broker down, timeouts)")
                .register(meters);
        this.refusals = Counter.builder("outbox.events.failed")
                .tag("kind", "refused")
                .description("Sends Kafka refused for good (too large, invalid topic, ...); parked after max-attempts")
                .register(meters);
        Gauge.builder("outbox.events.parked", this, OutboxMetrics::parkedRows)
                .description("Outbox rows parked after Kafka refused them; they wait for an operator")
                .register(meters);
        Gauge.builder("outbox.events.oldest.age", this, OutboxMetrics::oldestUnsentAgeSeconds)
                .baseUnit("seconds")
                .description("Age of the oldest outbox row not yet sent (parked rows excluded); 0 when none")
                .register(meters);
    }

    void published(int count) {
        published.increment(count);
    }

    void failed(SendFailure failure) {
        (failure.retriable() ? transientFailures : refusals).increment();
    }

    private double parkedRows() {
        return jdbc.sql("select count(*) from outbox_event where parked_at is not null")
                .query(Long.class)
                .single();
    }

    private double oldestUnsentAgeSeconds() {
        return jdbc.sql("""
                select coalesce(extract(epoch from now() - min(created_at)), 0)
                from outbox_event where parked_at is null
                """).query(Double.class).single();
    }
}
