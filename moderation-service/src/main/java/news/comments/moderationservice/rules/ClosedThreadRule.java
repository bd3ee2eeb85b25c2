package news.comments.moderationservice.rules;

import java.util.Optional;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/** A comment submitted at or after the thread closed (by hand or by its auto-close date) is rejected. */
public final class ClosedThreadRule implements ModerationRule {

    public static final String CODE = "THREAD_CLOSED";
    public static final String TEXT = "Comments are closed.";

    @Override
    public Optional<Finding> check(CommentSubmitted comment, ArticleState article, RuleSet rules) {
        if (article != null && !article.acceptsCommentsAt(comment.submittedAt())) {
            return Optional.of(Finding.rejected(CODE, TEXT));
        }
        return Optional.empty();
    }
}
