package news.comments.moderationservice.rules;

import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/**
 * Everything a rule may look at: the comment, its article as of the comment's submission time ({@code null} if
 * unknown) and the author's history in the thread. {@code text} and {@code author} are the comment's text and
 * author name for matching, normalised once however many rules look (always those of {@code comment}).
 */
public record Judged(
        CommentSubmitted comment, ArticleState article, AuthorHistory history, MatchText text, MatchText author) {

    public Judged {
        history = history == null ? AuthorHistory.none() : history;
        text = text != null && text.raw().equals(comment.text()) ? text : MatchText.of(comment.text());
        author = author != null && author.raw().equals(comment.author()) ? author : MatchText.of(comment.author());
    }

    public Judged(CommentSubmitted comment, ArticleState article, AuthorHistory history) {
        this(comment, article, history, null, null);
    }

    public Judged(CommentSubmitted comment, ArticleState article) {
        this(comment, article, AuthorHistory.none());
    }
}
