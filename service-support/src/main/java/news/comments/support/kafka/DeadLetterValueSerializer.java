package news.comments.support.kafka;

import news.comments.events.EventSerializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes dead letters: the original bytes of a record that could not be read, or the event of one that
 * could be read but not processed.
 */
class DeadLetterValueSerializer implements Serializer<Object> {

    private final EventSerializer<Object> events = new EventSerializer<>();

    @Override
    public byte[] serialize(String topic, Object data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return events.serialize(topic, headers, data);
    }
}
