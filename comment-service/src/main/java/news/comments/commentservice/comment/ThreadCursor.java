package news.comments.commentservice.comment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import news.comments.web.problem.ProblemException;

/**
 * Where a reader stopped in a thread: the thread key of the last comment they were given, as an opaque
 * URL-safe string. The next page is the index range after it, so the last page of a long thread costs what
 * the first one does (an offset would read and skip every comment before it).
 */
public record ThreadCursor(String threadKey) {

    /** Thread keys are timestamps, UUIDs and '/' (V2__thread_key.sql); anything else was not given out here. */
    private static final Pattern THREAD_KEY = Pattern.compile("[0-9a-f/-]{1,4000}");

    public ThreadCursor {
        if (!THREAD_KEY.matcher(threadKey).matches()) {
            throw invalid();
        }
    }

    public static ThreadCursor parse(String cursor) {
        try {
            return new ThreadCursor(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    @Override
    public String toString() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(threadKey.getBytes(StandardCharsets.US_ASCII));
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("after must be the 'next' value of an earlier page of this thread");
    }
}
