package news.comments.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import news.comments.events.EventTypes;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox rows to Kafka in id order and deletes them once the broker acknowledged
 * them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances of a service share
 * the work without sending a row twice at the same time. A crash between send and delete sends a row
 * again: delivery is at-least-once and consumers are idempotent.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Counter published;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.published = Counter.builder("outbox.events.published")
                .description("Events the outbox relay delivered to Kafka").register(meters);
    }

    /** Asks the relay to look for rows now (called after a commit that added some). */
    public void wakeUp() {
        wakeUps.release();
    }

    /** Sends one batch; returns how many rows it delivered. Public for tests and benchmarks. */
    public int relayBatch() {
        Integer sent = transactions.execute(status -> {
            List<OutboxRow> rows = jdbc.sql("""
                    select id, topic, record_key, event_type, payload, occurred_at
                    from outbox_event order by id limit :limit for update skip locked
                    """)
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("topic"),
                            rs.getString("record_key"), rs.getString("event_type"), rs.getBytes("payload"),
                            rs.getTimestamp("occurred_at")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (OutboxRow row : rows) {
                acks.add(kafka.send(row.toRecord()));
            }
            kafka.flush();
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                        .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending outbox events", e);
            } catch (Exception e) {
                // Roll back: the rows stay and are sent again once Kafka answers.
                throw new IllegalStateException("Kafka did not acknowledge outbox events: " + e.getMessage(), e);
            }
            jdbc.sql("delete from outbox_event where id in (:ids)")
                    .param("ids", rows.stream().map(OutboxRow::id).toList())
                    .update();
            return rows.size();
        });
        int count = sent == null ? 0 : sent;
        published.increment(count);
        return count;
    }

    private void loop() {
        long backoffMillis = properties.pollInterval().toMillis();
        while (running) {
            try {
                int sent = relayBatch();
                backoffMillis = properties.pollInterval().toMillis();
                if (sent < properties.batchSize()) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Outbox relay could not deliver events, retrying in {} ms: {}", backoffMillis, e.getMessage());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, properties.maxBackoff().toMillis());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(properties.sendTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop after the web server (which stops accepting requests first) and before the Kafka producer.
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private record OutboxRow(long id, String topic, String key, String type, byte[] payload, Timestamp occurredAt) {

        ProducerRecord<String, byte[]> toRecord() {
            var record = new ProducerRecord<>(topic, null, occurredAt.getTime(), key, payload);
            record.headers().add(EventTypes.HEADER, type.getBytes(StandardCharsets.UTF_8));
            return record;
        }
    }
}
