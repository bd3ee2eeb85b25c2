package news.comments.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A new version of the moderation rule set, published by moderation-service on the compacted topic
 * {@link Topics#MODERATION_RULES}. {@code rules} holds the rule settings as a JSON object whose schema is
 * owned by moderation-service (see its README section); other services treat it as opaque. Every record
 * has the same key ({@link #KEY}), so all versions sit on one partition in the order they were written.
 */
public record RuleSetPublished(long version, Map<String, Object> rules, String publishedBy, Instant publishedAt)
        implements Event {

    public static final String KEY = "moderation-rules";

    public RuleSetPublished {
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        rules = rules == null ? Map.of() : rules;
    }

    @Override
    public String partitionKey() {
        return KEY;
    }

    @Override
    public Instant occurredAt() {
        return publishedAt;
    }
}
