package news.comments.articleservice.article;

/** An article with the number of its approved comments, as read for display. */
public record CountedArticle(Article article, long commentCount) {}
