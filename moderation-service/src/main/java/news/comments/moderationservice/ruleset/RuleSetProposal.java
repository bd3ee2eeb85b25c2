package news.comments.moderationservice.ruleset;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A moderator's change, on its way to the one writer of versions ({@link VersionAssigner}) over the internal
 * topic {@link RulesTopology#PROPOSALS_TOPIC}: it becomes version {@code basedOn + 1} if {@code basedOn} is
 * still the newest version when its turn comes, and is dropped otherwise.
 *
 * @param rules the rule settings, as in {@code RuleSetPublished.rules}
 */
public record RuleSetProposal(
        UUID proposalId, long basedOn, Map<String, Object> rules, String proposedBy, Instant proposedAt) {}
