package news.comments.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's meters. The backlog gauges ({@code outbox_events_pending}, {@code outbox_events_parked},
 * {@code outbox_events_oldest_age_seconds}) read the table, so they are right for every instance of the service
 * whichever relay sent or parked the rows. They are not read per scrape: one query every
 * {@code comments.outbox.metrics-interval} (5 s) on a thread of its own refreshes cached values, so scrapes
 * cost nothing, several scrapers (or a scraper retrying against a slow database) never pile queries up on
 * the connection pool the requests need, and a scrape answers at once while the database is slow. The price
 * is values up to one interval old. While the query fails (database down) the gauges read NaN: unknown, not
 * zero.
 */
class OutboxMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    /** One scan of the table for all three values; the backlog of a healthy outbox is a handful of rows. */
    private static final String BACKLOG = """
            select count(*) filter (where parked_at is null) as pending,
                   count(*) filter (where parked_at is not null) as parked,
                   coalesce(extract(epoch from now() - min(created_at) filter (where parked_at is null)), 0) as oldest
            from outbox_event
            """;

    private record Backlog(double pending, double parked, double oldestAgeSeconds) {
        static final Backlog UNKNOWN = new Backlog(Double.NaN, Double.NaN, Double.NaN);
    }

    private final JdbcClient jdbc;
    private final Duration refreshInterval;
    private final Counter published;
    private final Counter transientFailures;
    private final Counter refusals;
    private volatile Backlog backlog = Backlog.UNKNOWN;
    private volatile ScheduledExecutorService refresher;

    OutboxMetrics(JdbcClient jdbc, MeterRegistry meters, Duration refreshInterval) {
        this.jdbc = jdbc;
        this.refreshInterval = refreshInterval;
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
        Gauge.builder("outbox.events.pending", this, m -> m.backlog.pending())
                .description("Outbox rows not yet sent to Kafka (parked rows excluded), all instances together")
                .register(meters);
        Gauge.builder("outbox.events.parked", this, m -> m.backlog.parked())
                .description("Outbox rows parked after Kafka refused them; they wait for an operator")
                .register(meters);
        Gauge.builder("outbox.events.oldest.age", this, m -> m.backlog.oldestAgeSeconds())
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

    /** Reads the backlog now; the refresher calls it every interval. */
    void refresh() {
        try {
            backlog = jdbc.sql(BACKLOG)
                    .query((rs, row) ->
                            new Backlog(rs.getLong("pending"), rs.getLong("parked"), rs.getDouble("oldest")))
                    .single();
        } catch (RuntimeException e) {
            backlog = Backlog.UNKNOWN;
            log.warn("Could not read the outbox backlog for its metrics: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outbox-metrics");
            thread.setDaemon(true);
            return thread;
        });
        // Fixed delay: a slow query delays the next one instead of queueing more behind it.
        executor.scheduleWithFixedDelay(this::refresh, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
        refresher = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = refresher;
        refresher = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
