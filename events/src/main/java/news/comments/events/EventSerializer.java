package news.comments.events;

import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * spring-kafka's Jackson serializer with the contract's JSON mapping, naming the logical type in the
 * {@link EventTypes#HEADER} header. Has a no-argument constructor so that Boot's
 * {@code spring.kafka.producer.value-serializer} can name it.
 */
public class EventSerializer<T> extends JacksonJsonSerializer<T> {

    public EventSerializer() {
        super(EventJson.MAPPER);
        setTypeMapper(EventTypes.typeMapper());
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data != null) {
            EventTypes.nameOf(data.getClass()); // only registered types: no class name ever goes on the wire
        }
        return super.serialize(topic, headers, data);
    }
}
