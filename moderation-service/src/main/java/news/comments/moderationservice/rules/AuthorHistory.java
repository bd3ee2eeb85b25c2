package news.comments.moderationservice.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * What moderation remembers of one author in one thread (see docs/adr/0006-moderation-rules.md for why it is
 * per thread): their recent submissions, and whether any comment of theirs there has been approved.
 *
 * @param recent      earlier submissions, any order, pruned to the longest window the rules use
 * @param hasApproved whether a comment of theirs in this thread was approved
 */
public record AuthorHistory(List<Past> recent, boolean hasApproved) {

    public AuthorHistory {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    public static AuthorHistory none() {
        return new AuthorHistory(List.of(), false);
    }

    /** One earlier submission: when, and its text key ({@link #textKey}). */
    public record Past(Instant submittedAt, String textKey) {}

    /** A digest per thread: looking one up by name for every comment showed in profiles. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    });

    /** Texts that differ only in case, width, invisible characters or spacing have the same key. */
    public static String textKey(String text) {
        byte[] digest = SHA_256.get().digest(TextNormalizer.folded(text).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
