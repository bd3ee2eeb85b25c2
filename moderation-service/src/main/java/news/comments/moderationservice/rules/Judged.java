package news.comments.moderationservice.rules;

import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/**
 * Everything a rule may look at: the comment, its article as of the comment's submission time ({@code null} if
 * unknown) and the author's history in the thread.
 */
public record Judged(CommentSubmitted comment, ArticleState article, AuthorHistory history) {

    public Judged {
        history = history == null ? AuthorHistory.none() : history;
    }

    public Judged(CommentSubmitted comment, ArticleState article) {
        this(comment, article, AuthorHistory.none());
    }
}
