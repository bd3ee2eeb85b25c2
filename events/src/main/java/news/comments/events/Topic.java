package news.comments.events;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;

/**
 * A topic name paired with the serdes of its keys and values, so producers and consumers cannot
 * disagree about what is on it.
 */
public record Topic<V extends Event>(String name, Class<V> valueType, boolean compacted) {

    /** The dead-letter topic that takes this topic's unreadable records. */
    public String deadLetterName() {
        return name + Topics.DEAD_LETTER_SUFFIX;
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** spring-kafka's Jackson serde, reading only this topic's type (see {@link EventDeserializer}). */
    public Serde<V> valueSerde() {
        return new JacksonJsonSerde<>(new EventSerializer<>(), new EventDeserializer<>(valueType));
    }
}
