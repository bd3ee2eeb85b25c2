package news.comments.articleservice.article;

import jakarta.validation.constraints.Size;

/** Optional body of a close: why the thread was closed, kept for the record. */
public record CloseRequest(@Size(max = 1000) String reason) {}
