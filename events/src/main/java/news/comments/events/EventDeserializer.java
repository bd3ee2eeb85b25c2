package news.comments.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * Reads JSON events. With an expected type it reads that type and refuses a record whose header names
 * another; without one it picks the type from the header, or else from the topic's contract. Anything unreadable is a
 * {@link SerializationException}, which consumers route to the dead-letter topic.
 */
public class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> expectedType;

    /** Reads only {@code expectedType}. */
    public EventDeserializer(Class<T> expectedType) {
        this.expectedType = expectedType;
    }

    /** Reads whatever registered type the header names. */
    public EventDeserializer() {
        this(null);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null; // a tombstone
        }
        Class<?> type = resolveType(topic, headers);
        try {
            return (T) EventJson.MAPPER.readValue(data, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException(
                    "unreadable " + type.getSimpleName() + " on " + topic + ": " + e.getMessage(), e);
        }
    }

    private Class<?> resolveType(String topic, Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(EventTypes.HEADER);
        if (header == null) {
            // No header (a producer outside this system): the topic's contract says what it holds.
            if (expectedType != null) {
                return expectedType;
            }
            return Topics.byName(topic)
                    .map(Topic::valueType)
                    .orElseThrow(() ->
                            new SerializationException("no " + EventTypes.HEADER + " header on a record of " + topic));
        }
        String name = new String(header.value(), StandardCharsets.UTF_8);
        Class<?> named = EventTypes.classOf(name)
                .orElseThrow(() -> new SerializationException("unknown event type '" + name + "' on " + topic));
        if (expectedType != null && !expectedType.equals(named)) {
            throw new SerializationException(
                    "expected " + EventTypes.nameOf(expectedType) + " on " + topic + " but the record is a " + name);
        }
        return named;
    }
}
