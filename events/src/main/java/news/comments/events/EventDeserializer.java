package news.comments.events;

import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * spring-kafka's Jackson deserializer with the contract's JSON mapping. The type comes from the
 * {@link EventTypes#HEADER} header (registered names only), or from the topic when there is none; with an
 * expected type, a record whose header names another is refused. Anything unreadable is a
 * {@link org.apache.kafka.common.errors.SerializationException}, which consumers route to the dead-letter
 * topic. Has a no-argument constructor so that Boot's consumer properties can name it.
 */
public class EventDeserializer<T> extends JacksonJsonDeserializer<T> {

    /** Reads whatever registered type the header names (or the topic carries). */
    public EventDeserializer() {
        this(null);
    }

    /** Reads only {@code expectedType}. */
    public EventDeserializer(Class<T> expectedType) {
        super(EventJson.MAPPER);
        setTypeResolver((topic, data, headers) -> EventTypes.typeOf(topic, headers, expectedType));
        // The header stays on the record: a dead letter keeps the type it was sent as.
        setRemoveTypeHeaders(false);
    }
}
