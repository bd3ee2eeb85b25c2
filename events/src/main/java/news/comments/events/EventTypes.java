package news.comments.events;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.mapping.DefaultJacksonJavaTypeMapper;
import tools.jackson.databind.JavaType;

/**
 * Stable logical names for event types. The name travels in the {@link #HEADER} record header; a Java
 * class name never goes on the wire, so classes can move and be renamed freely.
 */
public final class EventTypes {

    /** Record header carrying the logical type name. */
    public static final String HEADER = "event-type";

    private static final Map<String, Class<? extends Event>> BY_NAME = Map.of(
            "ArticleState", ArticleState.class,
            "CommentSubmitted", CommentSubmitted.class,
            "CommentReported", CommentReported.class,
            "CommentModerated", CommentModerated.class,
            "CommentStatusChanged", CommentStatusChanged.class,
            "RuleSetPublished", RuleSetPublished.class);

    /** Looked up for every record written and read: built once. */
    private static final Map<Class<?>, String> NAMES = BY_NAME.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private static final Map<Class<?>, JavaType> JAVA_TYPES = BY_NAME.values().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(
                    type -> type, type -> EventJson.MAPPER.constructType(type)));

    private EventTypes() {}

    public static Optional<Class<? extends Event>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static String nameOf(Class<?> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException("not a registered event type: " + type.getName());
        }
        return name;
    }

    /** spring-kafka's type mapper writing the logical names into {@link #HEADER} (its default is {@code __TypeId__}). */
    static DefaultJacksonJavaTypeMapper typeMapper() {
        DefaultJacksonJavaTypeMapper mapper = new DefaultJacksonJavaTypeMapper();
        mapper.setClassIdFieldName(HEADER);
        mapper.setIdClassMapping(new HashMap<>(BY_NAME));
        return mapper;
    }

    /**
     * The type to read a record as: the one its header names, or without a header (a producer outside this
     * system) the one its topic carries. Only registered names are read, never a class named on the wire; with
     * an {@code expected} type, a record naming another is refused.
     */
    static JavaType typeOf(String topic, Headers headers, Class<?> expected) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        Class<?> type;
        if (header == null) {
            type = expected != null
                    ? expected
                    : Topics.byName(topic)
                            .map(Topic::valueType)
                            .orElseThrow(() ->
                                    new SerializationException("no " + HEADER + " header on a record of " + topic));
        } else {
            String name = new String(header.value(), StandardCharsets.UTF_8);
            type = classOf(name)
                    .orElseThrow(() -> new SerializationException("unknown event type '" + name + "' on " + topic));
            if (expected != null && !expected.equals(type)) {
                throw new SerializationException(
                        "expected " + nameOf(expected) + " on " + topic + " but the record is a " + name);
            }
        }
        JavaType known = JAVA_TYPES.get(type);
        return known != null ? known : EventJson.MAPPER.constructType(type);
    }
}
