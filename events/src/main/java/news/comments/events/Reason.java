package news.comments.events;

import java.util.Objects;

/**
 * Why a decision was taken: a stable machine code (for example {@code THREAD_CLOSED}) and a text a
 * human can read.
 */
public record Reason(String code, String text) {

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
    }
}
