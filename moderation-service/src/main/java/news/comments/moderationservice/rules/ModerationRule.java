package news.comments.moderationservice.rules;

import java.util.Optional;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/** One moderation rule: pure code, no I/O, so it is tested without Kafka. */
public interface ModerationRule {

    /**
     * @param comment the comment to judge
     * @param article the article as it was when the comment was submitted; {@code null} if not known
     * @param rules   the rule set in force
     * @return what the rule found, or empty when it has nothing against the comment
     */
    Optional<Finding> check(CommentSubmitted comment, ArticleState article, RuleSet rules);
}
