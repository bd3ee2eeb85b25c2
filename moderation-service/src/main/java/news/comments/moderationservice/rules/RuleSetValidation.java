package news.comments.moderationservice.rules;

import java.util.ArrayList;
import java.util.List;

/** The limits a rule set must respect; each problem is a sentence a moderator can act on. */
public final class RuleSetValidation {

    public static final int MAX_WORDS = 2000;
    public static final int MAX_WORD_LENGTH = 100;
    public static final int MAX_AUTHORS = 10_000;
    public static final int MAX_AUTHOR_LENGTH = 80;
    public static final int MAX_ARTICLES = 10_000;
    /** comment-service stores at most this many characters, so a higher limit would mean nothing. */
    public static final int MAX_COMMENT_LENGTH = 5000;

    public static final int MAX_LINKS = 1000;
    public static final int MAX_DAYS = 3650;
    public static final int MAX_WINDOW_SECONDS = 30 * 24 * 3600;
    public static final int MAX_FLOOD_COMMENTS = 10_000;
    public static final int MAX_REPORT_THRESHOLD = 1000;

    private RuleSetValidation() {}

    static List<String> problems(RuleSet r) {
        List<String> problems = new ArrayList<>();
        if (r.version() < 1) {
            problems.add("version must be at least 1");
        }
        words(problems, "bannedWords", r.bannedWords());
        words(problems, "suspectWords", r.suspectWords());
        range(problems, "maxLinks", r.maxLinks(), 0, MAX_LINKS);
        range(problems, "maxLength", r.maxLength(), 1, MAX_COMMENT_LENGTH);
        range(problems, "autoCloseAfterDays", r.autoCloseAfterDays(), 0, MAX_DAYS);
        range(problems, "duplicateWindowSeconds", r.duplicateWindowSeconds(), 0, MAX_WINDOW_SECONDS);
        range(problems, "floodMaxComments", r.floodMaxComments(), 0, MAX_FLOOD_COMMENTS);
        range(problems, "floodWindowSeconds", r.floodWindowSeconds(), 1, MAX_WINDOW_SECONDS);
        range(problems, "reportThreshold", r.reportThreshold(), 0, MAX_REPORT_THRESHOLD);
        if (r.bannedAuthors().size() > MAX_AUTHORS) {
            problems.add("bannedAuthors has more than " + MAX_AUTHORS + " entries");
        }
        if (r.bannedAuthors().stream().anyMatch(a -> a.length() > MAX_AUTHOR_LENGTH)) {
            problems.add("bannedAuthors entries must have at most " + MAX_AUTHOR_LENGTH + " characters");
        }
        if (r.preModeratedArticles().size() > MAX_ARTICLES) {
            problems.add("preModeratedArticles has more than " + MAX_ARTICLES + " entries");
        }
        return problems;
    }

    /** Checks raw lists before cleaning, where a blank entry is still visible. */
    public static List<String> blankEntries(String field, List<String> values) {
        if (values != null && values.stream().anyMatch(v -> v == null || v.isBlank())) {
            return List.of(field + " must not contain blank entries");
        }
        return List.of();
    }

    private static void words(List<String> problems, String field, List<String> words) {
        if (words.size() > MAX_WORDS) {
            problems.add(field + " has more than " + MAX_WORDS + " entries");
        }
        if (words.stream().anyMatch(w -> w.length() > MAX_WORD_LENGTH)) {
            problems.add(field + " entries must have at most " + MAX_WORD_LENGTH + " characters");
        }
        if (words.stream().anyMatch(w -> TextNormalizer.skeleton(w).isBlank())) {
            problems.add(field + " entries must contain something to match");
        }
    }

    private static void range(List<String> problems, String field, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(field + " must be between " + min + " and " + max + " (was " + value + ")");
        }
    }
}
