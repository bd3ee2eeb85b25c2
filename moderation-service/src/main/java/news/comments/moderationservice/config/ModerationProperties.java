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
 * @param dedupeRetention         how long decided comment ids are remembered to drop redeliveries
 * @param rulesStartupWait        how long start-up waits to read the rules topic before judging comments
 * @param rules                   the default rule set, in force until a higher version is published
 */
@ConfigurationProperties("moderation")
public record ModerationProperties(
        @DefaultValue("200ms") Duration closeGrace,
        @DefaultValue("20ms") Duration punctuateInterval,
        @DefaultValue("30d") Duration articleHistoryRetention,
        @DefaultValue("7d") Duration dedupeRetention,
        @DefaultValue("30s") Duration rulesStartupWait,
        @DefaultValue Rules rules) {

    /** {@code moderation.rules.*}: see {@link RuleSet} for what each one means. */
    public record Rules(
            @DefaultValue("1") long version,
            @DefaultValue List<String> bannedWords,
            @DefaultValue List<String> suspectWords,
            @DefaultValue("2") int maxLinks,
            @DefaultValue("5000") int maxLength,
            @DefaultValue("0") int autoCloseAfterDays,
            @DefaultValue("600") int duplicateWindowSeconds,
            @DefaultValue("5") int floodMaxComments,
            @DefaultValue("60") int floodWindowSeconds,
            @DefaultValue List<String> bannedAuthors,
            @DefaultValue("false") boolean preModerateAll,
            @DefaultValue Set<UUID> preModeratedArticles,
            @DefaultValue("false") boolean preModerateNewAuthors,
            @DefaultValue("3") int reportThreshold) {

        public RuleSet toRuleSet() {
            return new RuleSet(
                    version,
                    bannedWords,
                    suspectWords,
                    maxLinks,
                    maxLength,
                    autoCloseAfterDays,
                    duplicateWindowSeconds,
                    floodMaxComments,
                    floodWindowSeconds,
                    bannedAuthors,
                    preModerateAll,
                    preModeratedArticles,
                    preModerateNewAuthors,
                    reportThreshold);
        }
    }

    public ModerationSettings settings() {
        return new ModerationSettings(closeGrace, punctuateInterval, articleHistoryRetention, dedupeRetention);
    }
}
