package news.comments.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde for one event type, for Kafka Streams and plain clients alike. */
public class EventSerde<T> implements Serde<T> {

    private final Class<T> type;

    public EventSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return new EventSerializer<>();
    }

    @Override
    public Deserializer<T> deserializer() {
        return new EventDeserializer<>(type);
    }
}
