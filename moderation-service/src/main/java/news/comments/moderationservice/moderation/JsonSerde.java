package news.comments.moderationservice.moderation;

import org.apache.kafka.common.serialization.Serde;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * spring-kafka's Jackson serde for moderation-service's own values (not contract events): one type per use, so
 * no type header is written or read, and a field added by a newer version is ignored by an older one during a
 * rolling upgrade. The hot stores use {@link StoreFormats}; this reads what they held before.
 */
final class JsonSerde {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonSerde() {}

    static <T> Serde<T> of(Class<T> type) {
        return new JacksonJsonSerde<>(
                new JacksonJsonSerializer<T>(MAPPER).noTypeInfo(), new JacksonJsonDeserializer<>(type, MAPPER, false));
    }
}
