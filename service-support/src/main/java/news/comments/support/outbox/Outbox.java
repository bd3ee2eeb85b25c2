package news.comments.support.outbox;

import java.sql.Timestamp;
import news.comments.events.Event;
import news.comments.events.EventSerializer;
import news.comments.events.EventTypes;
import news.comments.events.Topic;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final EventSerializer<Event> serializer = new EventSerializer<>();

    public Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(Topic<? extends Event> topic, Event event) {
        if (!topic.valueType().isInstance(event)) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " does not belong on " + topic.name());
        }
        jdbc.sql("""
                insert into outbox_event (topic, record_key, event_type, payload, occurred_at)
                values (:topic, :key, :type, :payload, :occurredAt)
                """)
                .param("topic", topic.name())
                .param("key", event.partitionKey())
                .param("type", EventTypes.nameOf(event.getClass()))
                .param("payload", serializer.serialize(topic.name(), event))
                .param("occurredAt", Timestamp.from(event.occurredAt()))
                .update();
        // Send right after commit instead of waiting for the next poll.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
