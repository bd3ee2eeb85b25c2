package news.comments.commentservice.report;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A reader's report on a comment. */
public record NewReport(
        @NotBlank @Size(max = 500) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL characters")
        String reason) {}
