package news.comments.moderationservice.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One version of the moderation rules. Immutable, so a decision taken with it can name the version it used;
 * a change is a new instance with a higher version. Every rule can be switched off: an empty list, or 0 for
 * a number marked "0 = off".
 *
 * @param version               grows with every change; becomes {@code rulesVersion} of each decision
 * @param bannedWords           words or phrases that reject a comment (see {@link WordList} for matching)
 * @param suspectWords          words or phrases that hold a comment for a moderator
 * @param maxLinks              more links than this hold a comment
 * @param maxLength             the most characters (code points) a comment may have
 * @param autoCloseAfterDays    threads close this many days after publication unless the article has its own
 *                              auto-close date (0 = off)
 * @param duplicateWindowSeconds the same author posting the same text in the same thread within this window is
 *                              rejected (0 = off)
 * @param floodMaxComments      more comments than this by one author in one thread within
 *                              {@code floodWindowSeconds} are rejected (0 = off)
 * @param floodWindowSeconds    the flood window
 * @param bannedAuthors         author names whose comments are rejected (compared after NFKC and case folding)
 * @param preModerateAll        hold every comment that nothing else rejects
 * @param preModeratedArticles  hold every comment on these articles
 * @param preModerateNewAuthors hold comments of authors with no approved comment in the thread yet
 * @param reportThreshold       this many reader reports hide an approved comment until a moderator looks (0 = off)
 */
public record RuleSet(
        long version,
        List<String> bannedWords,
        List<String> suspectWords,
        int maxLinks,
        int maxLength,
        int autoCloseAfterDays,
        int duplicateWindowSeconds,
        int floodMaxComments,
        int floodWindowSeconds,
        List<String> bannedAuthors,
        boolean preModerateAll,
        Set<UUID> preModeratedArticles,
        boolean preModerateNewAuthors,
        int reportThreshold) {

    public static final int DEFAULT_MAX_LINKS = 2;
    public static final int DEFAULT_MAX_LENGTH = 5000;

    public RuleSet(
            long version,
            List<String> bannedWords,
            List<String> suspectWords,
            int maxLinks,
            int maxLength,
            int autoCloseAfterDays,
            int duplicateWindowSeconds,
            int floodMaxComments,
            int floodWindowSeconds,
            List<String> bannedAuthors,
            boolean preModerateAll,
            Set<UUID> preModeratedArticles,
            boolean preModerateNewAuthors,
            int reportThreshold) {
        this.version = version;
        this.bannedWords = clean(bannedWords);
        this.suspectWords = clean(suspectWords);
        this.maxLinks = maxLinks;
        this.maxLength = maxLength;
        this.autoCloseAfterDays = autoCloseAfterDays;
        this.duplicateWindowSeconds = duplicateWindowSeconds;
        this.floodMaxComments = floodMaxComments;
        this.floodWindowSeconds = floodWindowSeconds;
        this.bannedAuthors = clean(bannedAuthors);
        this.preModerateAll = preModerateAll;
        this.preModeratedArticles = preModeratedArticles == null ? Set.of() : Set.copyOf(preModeratedArticles);
        this.preModerateNewAuthors = preModerateNewAuthors;
        this.reportThreshold = reportThreshold;
        List<String> problems = RuleSetValidation.problems(this);
        if (!problems.isEmpty()) {
            throw new InvalidRuleSetException(problems);
        }
    }

    /** Version 1 with the default limits and nothing else switched on. */
    public static RuleSet defaults() {
        return new RuleSet(
                1,
                List.of(),
                List.of(),
                DEFAULT_MAX_LINKS,
                DEFAULT_MAX_LENGTH,
                0,
                600,
                5,
                60,
                List.of(),
                false,
                Set.of(),
                false,
                3);
    }

    /** A simple rule set for tests and callers that only care about words and limits. */
    public static RuleSet of(long version, List<String> bannedWords, int maxLinks, int maxLength) {
        RuleSet d = defaults();
        return new RuleSet(
                version,
                bannedWords,
                d.suspectWords(),
                maxLinks,
                maxLength,
                d.autoCloseAfterDays(),
                d.duplicateWindowSeconds(),
                d.floodMaxComments(),
                d.floodWindowSeconds(),
                d.bannedAuthors(),
                d.preModerateAll(),
                d.preModeratedArticles(),
                d.preModerateNewAuthors(),
                d.reportThreshold());
    }

    public RuleSet withVersion(long newVersion) {
        return new RuleSet(
                newVersion,
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

    /** How far back an author's comments in a thread must be remembered for the duplicate and flood rules. */
    public long authorMemorySeconds() {
        return Math.max(duplicateWindowSeconds, floodMaxComments > 0 ? floodWindowSeconds : 0);
    }

    /** Blank entries are left out (blank words are refused by validation before they get here), duplicates dropped. */
    private static List<String> clean(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.strip().isEmpty() && !out.contains(value.strip())) {
                out.add(value.strip());
            }
        }
        return List.copyOf(out);
    }
}
