package news.comments.moderationservice.config;

import java.time.Duration;
import java.util.List;
import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.rules.RuleSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code moderation.*}.
 *
 * @param closeGrace              how long a comment waits past its submission time before it is decided
 * @param punctuateInterval       how often waiting comments are checked (wall clock)
 * @param articleHistoryRetention how far back article state history is kept for "as of" lookups
 * @param dedupeRetention         how long decided comment ids are remembered to drop redeliveries
 * @param rules                   the rule set in force
 */
@ConfigurationProperties("moderation")
public record ModerationProperties(
        @DefaultValue("200ms") Duration closeGrace,
        @DefaultValue("20ms") Duration punctuateInterval,
        @DefaultValue("30d") Duration articleHistoryRetention,
        @DefaultValue("7d") Duration dedupeRetention,
        @DefaultValue Rules rules) {

    /**
     * {@code moderation.rules.*}.
     *
     * @param version     the rule set's version, stamped on each automatic decision
     * @param bannedWords words that reject a comment (whole words, any case)
     * @param maxLinks    more links than this hold a comment for a moderator
     * @param maxLength   the most characters a comment may have
     */
    public record Rules(
            @DefaultValue("1") long version,
            @DefaultValue List<String> bannedWords,
            @DefaultValue("2") int maxLinks,
            @DefaultValue("5000") int maxLength) {

        public RuleSet toRuleSet() {
            return new RuleSet(version, bannedWords, maxLinks, maxLength);
        }
    }

    public ModerationSettings settings() {
        return new ModerationSettings(closeGrace, punctuateInterval, articleHistoryRetention, dedupeRetention);
    }
}
