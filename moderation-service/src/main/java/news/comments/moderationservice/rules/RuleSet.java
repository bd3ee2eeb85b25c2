package news.comments.moderationservice.rules;

import java.util.List;
import java.util.Objects;

/**
 * One version of the moderation rules. Immutable, so a decision taken with it can name the version it
 * used; a new rule set is a new instance with a higher version (see {@link RuleSetSource}).
 *
 * @param version     grows with every change; becomes {@code rulesVersion} of each automatic decision
 * @param bannedWords words (or phrases) that reject a comment, matched case-insensitively as whole words
 * @param maxLinks    the most links a comment may carry before it is held for a moderator
 * @param maxLength   the most characters (code points) a comment may have
 */
public record RuleSet(long version, List<String> bannedWords, int maxLinks, int maxLength) {

    public static final int DEFAULT_MAX_LINKS = 2;
    public static final int DEFAULT_MAX_LENGTH = 5000;

    public RuleSet {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        if (maxLinks < 0) {
            throw new IllegalArgumentException("maxLinks must not be negative");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        bannedWords = bannedWords == null ? List.of() : bannedWords.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(word -> !word.isEmpty())
                .distinct()
                .toList();
    }

    /** Version 1 with no banned words and the default limits. */
    public static RuleSet defaults() {
        return new RuleSet(1, List.of(), DEFAULT_MAX_LINKS, DEFAULT_MAX_LENGTH);
    }
}
