package news.comments.moderationservice.rules;

import java.util.Optional;

/** One moderation rule: pure code, no I/O, so it is tested without Kafka. */
@FunctionalInterface
public interface ModerationRule {

    /** What the rule finds against the comment under {@code rules}, or empty. */
    Optional<Finding> check(Judged judged, RuleSet rules);
}
