package news.comments.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A moderation decision on one comment. {@code decisionId} identifies the decision itself, so a
 * consumer that sees the same decision twice (a replay, a redelivery) can ignore the second copy.
 * {@code decidedBy} is {@link #RULES} for the automatic decision, otherwise the moderator's name.
 */
public record CommentModerated(
        UUID decisionId,
        UUID commentId,
        UUID articleId,
        Decision decision,
        List<Reason> reasons,
        String decidedBy,
        long rulesVersion,
        Instant decidedAt,
        String note)
        implements Event {

    public static final String RULES = "RULES";

    public CommentModerated {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The automatic decision on a comment always has the same id, so it can exist only once. */
    public static UUID automaticDecisionId(UUID commentId) {
        return UUID.nameUUIDFromBytes(("auto:" + commentId).getBytes(StandardCharsets.UTF_8));
    }

    public boolean automatic() {
        return RULES.equals(decidedBy);
    }

    @Override
    public String partitionKey() {
        return articleId.toString();
    }

    @Override
    public Instant occurredAt() {
        return decidedAt;
    }
}
