package news.comments.events;

import java.time.Instant;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapping of events: ISO-8601 instants (read by {@link IsoInstants}), unknown fields tolerated (adding a
 * field is not a break).
 */
final class EventJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("event-instants").addDeserializer(Instant.class, new IsoInstants()))
            .build();

    private EventJson() {}
}
