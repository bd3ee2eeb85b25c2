package news.comments.moderationservice.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.comments.events.ArticleState;

/** The standard rules, each with its machine reason code and the text a human reads. */
public final class Rules {

    public static final String THREAD_CLOSED = "THREAD_CLOSED";
    public static final String ARTICLE_UNKNOWN = "ARTICLE_UNKNOWN";
    public static final String EMPTY = "EMPTY";
    public static final String TOO_LONG = "TOO_LONG";
    public static final String BANNED_WORD = "BANNED_WORD";
    public static final String SUSPECT_WORD = "SUSPECT_WORD";
    public static final String TOO_MANY_LINKS = "TOO_MANY_LINKS";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String FLOOD = "FLOOD";
    public static final String BANNED_AUTHOR = "BANNED_AUTHOR";
    public static final String PRE_MODERATION = "PRE_MODERATION";
    public static final String PRE_MODERATED_ARTICLE = "PRE_MODERATED_ARTICLE";
    public static final String NEW_AUTHOR = "NEW_AUTHOR";
    public static final String REPORTED = "REPORTED";

    private static final Pattern LINK = Pattern.compile("(?i)(?:\\bhttps?://|\\bwww\\.)[^\\s<>\"]+");

    private Rules() {}

    /**
     * Closed by hand, by the article's own auto-close date, or {@code autoCloseAfterDays} after publication
     * (only when the article has no auto-close date of its own: that date is the per-article override).
     */
    public static final ModerationRule CLOSED_THREAD = (j, rules) -> {
        ArticleState article = j.article();
        if (article == null) {
            return Optional.empty();
        }
        Instant at = j.comment().submittedAt();
        boolean closed = !article.acceptsCommentsAt(at);
        if (!closed
                && article.autoCloseAt() == null
                && rules.autoCloseAfterDays() > 0
                && article.publishedAt() != null) {
            closed = !at.isBefore(article.publishedAt().plus(Duration.ofDays(rules.autoCloseAfterDays())));
        }
        return closed ? Optional.of(Finding.rejected(THREAD_CLOSED, "Comments are closed.")) : Optional.empty();
    };

    public static final ModerationRule UNKNOWN_ARTICLE = (j, rules) -> j.article() == null
            ? Optional.of(Finding.held(ARTICLE_UNKNOWN, "The article is not known to moderation yet."))
            : Optional.empty();

    /** comment-service refuses both already; this is defence in depth for anything that reaches the topic. */
    public static final ModerationRule LENGTH = (j, rules) -> {
        String text = j.comment().text();
        if (text.isBlank()) {
            return Optional.of(Finding.rejected(EMPTY, "The comment is empty."));
        }
        int length = text.codePointCount(0, text.length());
        if (length > rules.maxLength()) {
            return Optional.of(Finding.rejected(
                    TOO_LONG,
                    "The comment has " + length + " characters; at most " + rules.maxLength() + " are allowed."));
        }
        return Optional.empty();
    };

    public static final ModerationRule BANNED_WORDS = (j, rules) -> WordList.containsAny(j.text(), rules.bannedWords())
            ? Optional.of(Finding.rejected(BANNED_WORD, "The comment contains a banned word."))
            : Optional.empty();

    public static final ModerationRule SUSPECT_WORDS =
            (j, rules) -> WordList.containsAny(j.text(), rules.suspectWords())
                    ? Optional.of(Finding.held(SUSPECT_WORD, "The comment contains a word a moderator should look at."))
                    : Optional.empty();

    public static final ModerationRule LINKS = (j, rules) -> {
        long links = countLinks(j.comment().text());
        return links > rules.maxLinks()
                ? Optional.of(Finding.held(
                        TOO_MANY_LINKS,
                        "The comment has " + links + " links; at most " + rules.maxLinks() + " are allowed."))
                : Optional.empty();
    };

    public static final ModerationRule DUPLICATES = (j, rules) -> {
        if (rules.duplicateWindowSeconds() == 0) {
            return Optional.empty();
        }
        Instant at = j.comment().submittedAt();
        Instant since = at.minusSeconds(rules.duplicateWindowSeconds());
        String key = j.text().key();
        boolean duplicate = j.history().recent().stream()
                .anyMatch(p -> p.textKey().equals(key)
                        && p.submittedAt().isAfter(since)
                        && !p.submittedAt().isAfter(at));
        return duplicate
                ? Optional.of(Finding.rejected(
                        DUPLICATE,
                        "The same comment was posted in this thread within the last " + rules.duplicateWindowSeconds()
                                + " seconds."))
                : Optional.empty();
    };

    /** Counts this comment and the author's earlier ones in the window (submission time, not arrival). */
    public static final ModerationRule FLOOD_LIMIT = (j, rules) -> {
        if (rules.floodMaxComments() == 0) {
            return Optional.empty();
        }
        Instant at = j.comment().submittedAt();
        Instant since = at.minusSeconds(rules.floodWindowSeconds());
        long inWindow = 1
                + j.history().recent().stream()
                        .filter(p -> p.submittedAt().isAfter(since)
                                && !p.submittedAt().isAfter(at))
                        .count();
        return inWindow > rules.floodMaxComments()
                ? Optional.of(Finding.rejected(
                        FLOOD,
                        "More than " + rules.floodMaxComments() + " comments by this author within "
                                + rules.floodWindowSeconds() + " seconds."))
                : Optional.empty();
    };

    /** The whole name, by skeleton (see {@link NameList}): case, width, marks and look-alikes do not evade a ban. */
    public static final ModerationRule BANNED_AUTHORS =
            (j, rules) -> NameList.contains(j.author(), rules.bannedAuthors())
                    ? Optional.of(Finding.rejected(BANNED_AUTHOR, "The author may not comment."))
                    : Optional.empty();

    public static final ModerationRule PRE_MODERATION_MODES = (j, rules) -> {
        if (rules.preModerateAll()) {
            return Optional.of(Finding.held(PRE_MODERATION, "Every comment is checked by a moderator."));
        }
        if (rules.preModeratedArticles().contains(j.comment().articleId())) {
            return Optional.of(
                    Finding.held(PRE_MODERATED_ARTICLE, "Comments on this article are checked by a moderator."));
        }
        if (rules.preModerateNewAuthors() && !j.history().hasApproved()) {
            return Optional.of(
                    Finding.held(NEW_AUTHOR, "The author's first comment in this thread is checked by a moderator."));
        }
        return Optional.empty();
    };

    /** N distinct reader reports on an approved comment hide it until a moderator looks. */
    public static Optional<Finding> reports(int distinctReports, RuleSet rules) {
        if (rules.reportThreshold() > 0 && distinctReports >= rules.reportThreshold()) {
            return Optional.of(Finding.held(
                    REPORTED,
                    distinctReports + " readers reported the comment; it is hidden until a moderator looks."));
        }
        return Optional.empty();
    }

    static long countLinks(String text) {
        if (!text.contains("://") && !hasWwwDot(text)) {
            return 0; // the pattern needs one of the two; most comments have neither, and the regex scan is dear
        }
        Matcher matcher = LINK.matcher(text);
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Whether "www." occurs in any case, as the pattern's {@code (?i)www\\.} would find it. */
    private static boolean hasWwwDot(String text) {
        for (int dot = text.indexOf('.', 3); dot >= 0; dot = text.indexOf('.', dot + 1)) {
            if (text.regionMatches(true, dot - 3, "www", 0, 3)) {
                return true;
            }
        }
        return false;
    }
}
