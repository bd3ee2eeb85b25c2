package news.comments.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * Writes any registered {@link Event} as JSON and names its logical type in the
 * {@link EventTypes#HEADER} header.
 */
public class EventSerializer<T> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null) {
            return null;
        }
        String typeName = EventTypes.nameOf(data.getClass());
        if (headers != null) {
            headers.remove(EventTypes.HEADER);
            headers.add(EventTypes.HEADER, typeName.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return EventJson.MAPPER.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new SerializationException("cannot write " + typeName + " for " + topic, e);
        }
    }
}
