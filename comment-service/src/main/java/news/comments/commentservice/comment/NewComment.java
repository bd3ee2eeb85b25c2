package news.comments.commentservice.comment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The body of a reader's POST. Text is stored exactly as given and only ever rendered escaped. */
public record NewComment(
        @NotBlank @Size(max = 80) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE)
        String author,

        @NotBlank @Size(max = 5000) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE)
        String text,

        UUID parentId) {

    // PostgreSQL text cannot hold U+0000; refuse it as bad input rather than fail on insert.
    static final String NO_NUL = "[^\\x00]*";
    static final String NUL_MESSAGE = "must not contain NUL characters";
}
