package news.comments.moderationservice.rules;

import java.util.Optional;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/** Without the article's state we cannot know whether its thread was open: a moderator decides. */
public final class UnknownArticleRule implements ModerationRule {

    public static final String CODE = "ARTICLE_UNKNOWN";
    public static final String TEXT = "The article is not known to moderation yet.";

    @Override
    public Optional<Finding> check(CommentSubmitted comment, ArticleState article, RuleSet rules) {
        return article == null ? Optional.of(Finding.held(CODE, TEXT)) : Optional.empty();
    }
}
