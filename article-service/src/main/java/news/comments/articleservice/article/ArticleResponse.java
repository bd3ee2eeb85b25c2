package news.comments.articleservice.article;

import java.time.Instant;
import java.util.UUID;

/** An article as readers and moderators see it. {@code commentsOpen} is judged at the moment of the request. */
public record ArticleResponse(
        UUID id,
        String title,
        String body,
        Instant publishedAt,
        boolean commentsOpen,
        Instant closedAt,
        Instant autoCloseAt,
        long commentCount,
        long version) {

    public static ArticleResponse of(CountedArticle counted, Instant now) {
        Article article = counted.article();
        return new ArticleResponse(
                article.id(),
                article.title(),
                article.body(),
                article.publishedAt(),
                article.commentsOpenAt(now),
                article.closedAt(),
                article.autoCloseAt(),
                counted.commentCount(),
                article.version());
    }
}
