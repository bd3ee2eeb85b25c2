package news.comments.moderationservice.ruleset;

import java.time.Instant;
import java.util.UUID;
import news.comments.events.RuleSetPublished;
import news.comments.moderationservice.rules.InvalidRuleSetException;
import news.comments.moderationservice.rules.RuleSet;

/**
 * One version of the rule set and where it came from.
 *
 * @param publishedBy "configuration" for the configured defaults, else the moderator
 * @param publishedAt null for the configured defaults
 * @param proposalId  the change it was made from; null for the defaults and for records written without one
 */
public record RuleVersion(RuleSet rules, String publishedBy, Instant publishedAt, UUID proposalId) {

    static final String CONFIGURATION = "configuration";

    static RuleVersion configured(RuleSet defaults) {
        return new RuleVersion(defaults, CONFIGURATION, null, null);
    }

    /** @throws InvalidRuleSetException when the published rules are not a valid rule set */
    static RuleVersion of(RuleSetPublished published) {
        return new RuleVersion(
                RuleSetDocument.fromMap(published.rules()).toRuleSet(published.version()),
                published.publishedBy(),
                published.publishedAt(),
                published.proposalId());
    }

    public long version() {
        return rules.version();
    }
}
