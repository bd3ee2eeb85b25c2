package news.comments.moderationservice.rules;

import java.util.Optional;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/**
 * Rejects an empty or overlong comment. comment-service already refuses both; this is defence in depth
 * for anything that reaches the topic another way.
 */
public final class LengthRule implements ModerationRule {

    public static final String EMPTY = "EMPTY";
    public static final String TOO_LONG = "TOO_LONG";

    @Override
    public Optional<Finding> check(CommentSubmitted comment, ArticleState article, RuleSet rules) {
        String text = comment.text();
        if (text.isBlank()) {
            return Optional.of(Finding.rejected(EMPTY, "The comment is empty."));
        }
        int length = text.codePointCount(0, text.length());
        if (length > rules.maxLength()) {
            return Optional.of(Finding.rejected(TOO_LONG,
                    "The comment has " + length + " characters; at most " + rules.maxLength() + " are allowed."));
        }
        return Optional.empty();
    }
}
