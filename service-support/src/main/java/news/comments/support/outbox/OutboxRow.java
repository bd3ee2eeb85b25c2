package news.comments.support.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import news.comments.events.EventTypes;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One unparked outbox row, as the relay claimed it.
 *
 * @param traceparent the trace context of the transaction that wrote it, or null
 */
record OutboxRow(
        long id,
        String topic,
        String key,
        String type,
        byte[] payload,
        Timestamp occurredAt,
        int attempts,
        String traceparent) {

    ProducerRecord<String, byte[]> toRecord() {
        var record = new ProducerRecord<>(topic, null, occurredAt.getTime(), key, payload);
        record.headers().add(EventTypes.HEADER, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Kafka keeps order per key within a topic, so that is the unit the relay keeps in order. */
    String orderKey() {
        return topic + '\u0000' + key;
    }
}
