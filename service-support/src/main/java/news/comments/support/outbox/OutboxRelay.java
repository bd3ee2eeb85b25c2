package news.comments.support.outbox;

import io.micrometer.tracing.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.comments.support.tracing.Traceparents;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox rows to Kafka in id order and deletes each row once the broker acknowledged it.
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances of a service share the work
 * without sending a row twice at the same time. A crash between send and delete sends a row again:
 * delivery is at-least-once and consumers are idempotent.
 *
 * <p>Each row has its own outcome. A row Kafka refuses (a non-retriable error, such as a record larger
 * than the broker takes) counts an attempt and keeps the error; after {@code max-attempts} it is parked:
 * logged once, counted by the {@code outbox.events.parked} gauge, and never read again. A transient
 * failure (broker down, timeout) keeps the row for the next round, after a backoff, and never parks it.
 *
 * <p>Order per key (what Kafka and our consumers rely on): within a batch, once a row of a key has not
 * been delivered, the later rows of that key are not sent; if one was already sent, it is kept and sent
 * again after the earlier row, so the newest event of a key is always the last one on Kafka. A parked row
 * no longer holds its key: it will never be delivered by itself, and the rows behind it go on.
 *
 * <p>A commit that wrote rows wakes the relay; it then waits {@code gather} (a few milliseconds) before it
 * claims, so that under load one batch carries the rows of many commits, and deletes what was delivered
 * with one statement.
 *
 * <p>Each row keeps the trace context of the transaction that wrote it; the relay sends the record as a
 * producer span continuing that trace (its own template is not observed: the current trace of the relay's
 * thread is none of the records').
 *
 * <p>The database transaction stays open while the batch is sent, so the time is bounded: the relay's
 * producer fails a record at most {@code send-timeout} after {@code send()} returned
 * ({@code delivery.timeout.ms}), {@code send()} blocks at most half of it ({@code max.block.ms}), and the
 * relay waits {@code send-timeout} plus a grace for the answers. So every record has its answer before
 * the wait ends, and a record the relay counts as failed really was not delivered.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Added to delivery.timeout.ms so the relay waits until Kafka has answered for every record. */
    static final Duration ACK_GRACE = Duration.ofSeconds(2);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;
    private final Traceparents traces;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties,
            OutboxMetrics metrics,
            Traceparents traces) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.metrics = metrics;
        this.traces = traces;
    }

    /**
     * The relay producer's settings that bound a send by {@code send-timeout} (see the class comment).
     * {@code request.timeout.ms} must fit into {@code delivery.timeout.ms} with {@code linger.ms}.
     */
    static Map<String, Object> producerTimeouts(OutboxProperties properties) {
        int deliveryTimeout = Math.toIntExact(properties.sendTimeout().toMillis());
        return Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                deliveryTimeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.min(deliveryTimeout / 2, 30_000),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (long) deliveryTimeout / 2);
    }

    /** Asks the relay to look for rows now (called after a commit that added some). */
    public void wakeUp() {
        wakeUps.release();
    }

    private record Batch(int claimed, boolean transientFailure) {}

    private record Sent(OutboxRow row, CompletableFuture<?> ack) {}

    private Batch relayBatch() {
        Batch batch = transactions.execute(status -> {
            List<OutboxRow> rows = claim();
            if (rows.isEmpty()) {
                return new Batch(0, false);
            }
            Map<Long, SendFailure> failures = new LinkedHashMap<>();
            Set<Long> delivered = awaitAcks(send(rows), failures);
            return settle(rows, delivered, failures);
        });
        return batch == null ? new Batch(0, false) : batch;
    }

    private List<OutboxRow> claim() {
        return jdbc.sql("""
                select id, topic, record_key, event_type, payload, occurred_at, attempts, traceparent
                from outbox_event where parked_at is null
                order by id limit :limit for update skip locked
                """)
                .param("limit", properties.batchSize())
                .query((rs, n) -> new OutboxRow(
                        rs.getLong("id"),
                        rs.getString("topic"),
                        rs.getString("record_key"),
                        rs.getString("event_type"),
                        rs.getBytes("payload"),
                        rs.getTimestamp("occurred_at"),
                        rs.getInt("attempts"),
                        rs.getString("traceparent")))
                .list();
    }

    /**
     * Sends the rows in id order. A send that failed at once holds back the later rows of its key; a
     * transient one (no metadata within max.block.ms) also holds back the rest of its topic, so a missing
     * broker or topic costs one max.block.ms per batch, not one per row.
     */
    private List<Sent> send(List<OutboxRow> rows) {
        Set<String> heldKeys = new HashSet<>();
        Set<String> heldTopics = new HashSet<>();
        List<Sent> sent = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            if (heldKeys.contains(row.orderKey()) || heldTopics.contains(row.topic())) {
                heldKeys.add(row.orderKey());
                continue;
            }
            CompletableFuture<?> ack;
            Span span = null;
            try {
                ProducerRecord<String, byte[]> record = row.toRecord();
                span = startSend(row, record);
                ack = kafka.send(record);
            } catch (RuntimeException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            if (span != null) {
                endWhenAnswered(span, ack);
            }
            if (ack.isCompletedExceptionally()) {
                heldKeys.add(row.orderKey());
                if (SendFailure.of(failureOf(ack)).retriable()) {
                    heldTopics.add(row.topic());
                }
            }
            sent.add(new Sent(row, ack));
        }
        return sent;
    }

    /**
     * Continues the trace of the transaction that wrote the row: a sampled one gets a producer span, child of
     * the stored context, whose context the record carries; an unsampled one is passed on as it was stored.
     * No lookup, no query: the context came with the claimed row.
     */
    private Span startSend(OutboxRow row, ProducerRecord<String, byte[]> record) {
        if (row.traceparent() == null) {
            return null;
        }
        Span span = traces.startChild(row.traceparent(), row.topic() + " send", Span.Kind.PRODUCER);
        if (span == null) {
            Traceparents.setTraceparent(record.headers(), row.traceparent());
            return null;
        }
        span.remoteServiceName("kafka")
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", row.topic())
                .tag("messaging.operation", "publish");
        Traceparents.setTraceparent(record.headers(), traces.of(span));
        return span;
    }

    private static void endWhenAnswered(Span span, CompletableFuture<?> ack) {
        ack.whenComplete((result, error) -> {
            if (error != null) {
                span.error(error);
            }
            span.end();
        });
    }

    private static Throwable failureOf(CompletableFuture<?> done) {
        try {
            done.getNow(null);
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    /** Waits for Kafka's answers; returns the ids it acknowledged and puts the others' failures in {@code failures}. */
    private Set<Long> awaitAcks(List<Sent> sent, Map<Long, SendFailure> failures) {
        long deadline =
                System.nanoTime() + properties.sendTimeout().plus(ACK_GRACE).toNanos();
        Set<Long> delivered = new HashSet<>();
        for (Sent s : sent) {
            try {
                s.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                delivered.add(s.row().id());
                continue;
            } catch (ExecutionException e) {
                failures.put(s.row().id(), SendFailure.of(e.getCause()));
            } catch (TimeoutException e) {
                failures.put(s.row().id(), SendFailure.unanswered());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending outbox events", e);
            }
            metrics.failed(failures.get(s.row().id()));
        }
        return delivered;
    }

    /** Deletes what was delivered, counts and parks refusals, and keeps everything else for the next round. */
    private Batch settle(List<OutboxRow> rows, Set<Long> delivered, Map<Long, SendFailure> failures) {
        Settlement settlement = Settlement.of(rows, delivered, failures, properties.maxAttempts());
        settlement
                .refused()
                .forEach((row, failure) ->
                        refused(row, failure, settlement.parked().contains(row.id())));
        if (!settlement.delete().isEmpty()) {
            jdbc.sql("delete from outbox_event where id = any(:ids)")
                    .param("ids", new SqlArrayValue("bigint", (Object[])
                            settlement.delete().toArray(Long[]::new)))
                    .update();
            metrics.published(settlement.delete().size());
        }
        if (settlement.transientFailure()) {
            SendFailure first = failures.values().stream()
                    .filter(SendFailure::retriable)
                    .findFirst()
                    .orElseThrow();
            log.warn(
                    "Outbox relay could not deliver {} of {} events for now, will try again: {}",
                    rows.size() - settlement.delete().size(),
                    rows.size(),
                    first.message());
        }
        return new Batch(rows.size(), settlement.transientFailure());
    }

    /** Records a refusal on the row, and parks it when it has used up its attempts. */
    private void refused(OutboxRow row, SendFailure failure, boolean park) {
        int attempts = row.attempts() + 1;
        jdbc.sql("""
                update outbox_event set attempts = :attempts, last_error = :error,
                       parked_at = case when :park then now() end
                where id = :id
                """)
                .param("attempts", attempts)
                .param("error", failure.message())
                .param("park", park)
                .param("id", row.id())
                .update();
        if (park) {
            log.warn(
                    "Outbox row {} ({} on {}, key {}) parked after {} refused attempts; it will not be sent again "
                            + "until an operator releases it: {}",
                    row.id(),
                    row.type(),
                    row.topic(),
                    row.key(),
                    attempts,
                    failure.message());
        } else {
            log.info(
                    "Kafka refused outbox row {} (attempt {} of {}): {}",
                    row.id(),
                    attempts,
                    properties.maxAttempts(),
                    failure.message());
        }
    }

    private void loop() {
        long backoffMillis = properties.pollInterval().toMillis();
        while (running) {
            try {
                Batch batch = relayBatch();
                if (batch.transientFailure()) {
                    sleep(backoffMillis);
                    backoffMillis =
                            Math.min(backoffMillis * 2, properties.maxBackoff().toMillis());
                    continue;
                }
                backoffMillis = properties.pollInterval().toMillis();
                if (batch.claimed() < properties.batchSize()) {
                    if (wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        gather();
                    }
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Outbox relay failed, retrying in {} ms: {}", backoffMillis, e.getMessage());
                sleep(backoffMillis);
                backoffMillis =
                        Math.min(backoffMillis * 2, properties.maxBackoff().toMillis());
            }
        }
    }

    /** Lets the commits of the next few milliseconds join the batch this wake-up would otherwise send alone. */
    private void gather() throws InterruptedException {
        long nanos = properties.gather().toNanos();
        if (nanos > 0 && running) {
            TimeUnit.NANOSECONDS.sleep(nanos);
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
                // A batch in flight ends within max.block.ms + delivery.timeout.ms + the grace.
                worker.join(
                        properties.sendTimeout().multipliedBy(2).plus(ACK_GRACE).toMillis());
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
}
