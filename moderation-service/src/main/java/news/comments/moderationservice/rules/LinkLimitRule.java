package news.comments.moderationservice.rules;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/** A comment with more links than the rule set allows looks like spam: a moderator decides. */
public final class LinkLimitRule implements ModerationRule {

    public static final String CODE = "TOO_MANY_LINKS";

    private static final Pattern LINK = Pattern.compile("(?i)(?:\\bhttps?://|\\bwww\\.)[^\\s<>\"]+");

    @Override
    public Optional<Finding> check(CommentSubmitted comment, ArticleState article, RuleSet rules) {
        long links = countLinks(comment.text());
        if (links > rules.maxLinks()) {
            return Optional.of(Finding.held(CODE,
                    "The comment has " + links + " links; at most " + rules.maxLinks() + " are allowed."));
        }
        return Optional.empty();
    }

    static long countLinks(String text) {
        Matcher matcher = LINK.matcher(text);
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
