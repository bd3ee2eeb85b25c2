package news.comments.moderationservice.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
 * @param dedupeRetention         how long a decided comment's track is kept: it drops redeliveries and counts reports
 * @param rules                   the default rule set, in force until a higher version is published
 */
@ConfigurationProperties("moderation")
public record ModerationProperties(
        @DefaultValue("200ms") Duration closeGrace,
        @DefaultValue("20ms") Duration punctuateInterval,
        @DefaultValue("30d") Duration articleHistoryRetention,
        @DefaultValue("7d") Duration dedupeRetention,
        @DefaultValue Rules rules) {

    /**
     * {@code moderation.rules.*}: what a site sets differently from {@link RuleSet#defaults()}, the one place
     * the default rule set is written. A setting left out keeps that default; see {@link RuleSet} for what
     * each one means.
     */
    public record Rules(
            Long version,
            List<String> bannedWords,
            List<String> suspectWords,
            Integer maxLinks,
            Integer maxLength,
            Integer autoCloseAfterDays,
            Integer duplicateWindowSeconds,
            Integer floodMaxComments,
            Integer floodWindowSeconds,
            List<String> bannedAuthors,
            Boolean preModerateAll,
            Set<UUID> preModeratedArticles,
            Boolean preModerateNewAuthors,
            Integer reportThreshold) {

        public RuleSet toRuleSet() {
            RuleSet d = RuleSet.defaults();
            return new RuleSet(
                    or(version, d.version()),
                    or(bannedWords, d.bannedWords()),
                    or(suspectWords, d.suspectWords()),
                    or(maxLinks, d.maxLinks()),
                    or(maxLength, d.maxLength()),
                    or(autoCloseAfterDays, d.autoCloseAfterDays()),
                    or(duplicateWindowSeconds, d.duplicateWindowSeconds()),
                    or(floodMaxComments, d.floodMaxComments()),
                    or(floodWindowSeconds, d.floodWindowSeconds()),
                    or(bannedAuthors, d.bannedAuthors()),
                    or(preModerateAll, d.preModerateAll()),
                    or(preModeratedArticles, d.preModeratedArticles()),
                    or(preModerateNewAuthors, d.preModerateNewAuthors()),
                    or(reportThreshold, d.reportThreshold()));
        }

        private static <T> T or(T set, T byDefault) {
            return set != null ? set : byDefault;
        }
    }

    public ModerationSettings settings() {
        return new ModerationSettings(closeGrace, punctuateInterval, articleHistoryRetention, dedupeRetention);
    }
}
