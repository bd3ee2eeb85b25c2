package news.comments.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A new version of the moderation rule set, published by moderation-service on the compacted topic
 * {@link Topics#MODERATION_RULES}. {@code rules} holds the rule settings as a JSON object whose schema is
 * owned by moderation-service (see its README section); other services treat it as opaque. Each record is
 * keyed by its version ({@link #partitionKey()}), and each version is written once, so compaction keeps every
 * version. Records written before that are keyed {@link #LEGACY_KEY}; readers take the version from the value.
 *
 * @param proposalId the moderator's change this version was made from; null on records written before it
 *                   existed or by anything else than moderation-service's rules processor
 */
public record RuleSetPublished(
        long version, Map<String, Object> rules, String publishedBy, Instant publishedAt, UUID proposalId)
        implements Event {

    /** The one key of every record written before records were keyed by version. */
    public static final String LEGACY_KEY = "moderation-rules";

    public RuleSetPublished {
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        rules = rules == null ? Map.of() : rules;
    }

    /** A version not made from a proposal. */
    public RuleSetPublished(long version, Map<String, Object> rules, String publishedBy, Instant publishedAt) {
        this(version, rules, publishedBy, publishedAt, null);
    }

    /** The version as a decimal string: one key per version, so compaction removes none of them. */
    @Override
    public String partitionKey() {
        return Long.toString(version);
    }

    @Override
    public Instant occurredAt() {
        return publishedAt;
    }
}
