package news.comments.articleservice.article;

import java.util.List;

/** One page of articles, newest first. */
public record ArticlePage(List<ArticleResponse> items, int page, int size, long total) {}
