package news.comments.events;

import java.util.Map;
import java.util.Optional;

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

    private EventTypes() {}

    public static Optional<Class<? extends Event>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static String nameOf(Class<?> type) {
        return BY_NAME.entrySet().stream()
                .filter(entry -> entry.getValue().equals(type))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a registered event type: " + type.getName()));
    }
}
