package news.comments.support.outbox;

import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;
import news.comments.events.Event;
import news.comments.events.EventSerializer;
import news.comments.events.EventTypes;
import news.comments.events.Topic;
import news.comments.support.tracing.Traceparents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an event for publication in the caller's transaction (transactional outbox). The event
 * reaches Kafka only if the transaction commits, and then surely: the {@link OutboxRelay} keeps trying
 * until the broker acknowledges it, across restarts.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final Traceparents traces;
    private final EventSerializer<Event> serializer = new EventSerializer<>();

    /**
     * @param traces keeps the caller's trace context with each row (its {@code traceparent}), so the relay's
     *               send continues the trace of the transaction that wrote it
     */
    public Outbox(JdbcClient jdbc, OutboxRelay relay, Traceparents traces) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.traces = traces;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(Topic<? extends Event> topic, Event event) {
        checkBelongs(topic, event);
        jdbc.sql("""
                insert into outbox_event (topic, record_key, event_type, payload, occurred_at, traceparent)
                values (:topic, :key, :type, :payload, :occurredAt, :traceparent)
                """)
                .param("topic", topic.name())
                .param("key", event.partitionKey())
                .param("type", EventTypes.nameOf(event.getClass()))
                .param("payload", serializer.serialize(topic.name(), event))
                .param("occurredAt", Timestamp.from(event.occurredAt()))
                .param("traceparent", traces.current())
                .update();
        wakeRelayAfterCommit();
    }

    /** Records several events with one statement; they leave in the order given (like calls of {@link #publish}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishAll(Topic<? extends Event> topic, List<? extends Event> events) {
        publishAll(topic, events, Collections.nCopies(events.size(), traces.current()));
    }

    /**
     * As {@link #publishAll(Topic, List)}, each event with a trace of its own: {@code traceparents} holds, in the
     * same order, the {@code traceparent} each row keeps (null for none), e.g. the trace of the record whose
     * handling caused the event when a batch listener records events for many records at once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishAll(Topic<? extends Event> topic, List<? extends Event> events, List<String> traceparents) {
        if (events.isEmpty()) {
            return;
        }
        if (traceparents.size() != events.size()) {
            throw new IllegalArgumentException(traceparents.size() + " traceparents for " + events.size() + " events");
        }
        int n = events.size();
        String[] keys = new String[n];
        String[] types = new String[n];
        byte[][] payloads = new byte[n][];
        String[] occurredAt = new String[n];
        for (int i = 0; i < n; i++) {
            Event event = events.get(i);
            checkBelongs(topic, event);
            keys[i] = event.partitionKey();
            types[i] = EventTypes.nameOf(event.getClass());
            payloads[i] = serializer.serialize(topic.name(), event);
            occurredAt[i] = event.occurredAt().toString(); // ISO-8601 with Z: no time zone to guess
        }
        // Ids (and so the relay's order) follow the list: rows are inserted in ordinality order.
        jdbc.sql("""
                insert into outbox_event (topic, record_key, event_type, payload, occurred_at, traceparent)
                select :topic, e.record_key, e.event_type, e.payload, e.occurred_at, e.traceparent
                from unnest(:keys, :types, :payloads, :occurredAt, :traceparents) with ordinality
                     as e(record_key, event_type, payload, occurred_at, traceparent, n)
                order by e.n
                """)
                .param("topic", topic.name())
                .param("keys", new SqlArrayValue("text", (Object[]) keys))
                .param("types", new SqlArrayValue("text", (Object[]) types))
                .param("payloads", new SqlArrayValue("bytea", (Object[]) payloads))
                .param("occurredAt", new SqlArrayValue("timestamptz", (Object[]) occurredAt))
                .param("traceparents", new SqlArrayValue("text", traceparents.toArray()))
                .update();
        wakeRelayAfterCommit();
    }

    private static void checkBelongs(Topic<? extends Event> topic, Event event) {
        if (!topic.valueType().isInstance(event)) {
            throw new IllegalArgumentException(
                    event.getClass().getSimpleName() + " does not belong on " + topic.name());
        }
    }

    private void wakeRelayAfterCommit() {
        // Send right after commit instead of waiting for the next poll.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
