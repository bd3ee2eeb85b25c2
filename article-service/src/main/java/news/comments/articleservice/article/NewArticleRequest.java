package news.comments.articleservice.article;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** What a moderator sends to publish an article. */
public record NewArticleRequest(
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 100_000) String body,
        @Future Instant autoCloseAt) {}
