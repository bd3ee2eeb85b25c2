package news.comments.moderationservice.moderation;

import java.time.Duration;
import java.util.Objects;

/**
 * How the moderation topology times its work.
 *
 * @param closeGrace              how long after its submission time a comment waits before it is decided,
 *                                so a close snapshot that reaches Kafka a little late is still seen
 * @param punctuateInterval       how often (wall clock) waiting comments are checked
 * @param articleHistoryRetention how far back the article state history answers "as of" lookups
 * @param dedupeRetention         how long a decided comment's track is kept (drops redeliveries, counts reports)
 */
public record ModerationSettings(
        Duration closeGrace, Duration punctuateInterval, Duration articleHistoryRetention, Duration dedupeRetention) {

    public ModerationSettings {
        Objects.requireNonNull(closeGrace, "closeGrace");
        Objects.requireNonNull(punctuateInterval, "punctuateInterval");
        Objects.requireNonNull(articleHistoryRetention, "articleHistoryRetention");
        Objects.requireNonNull(dedupeRetention, "dedupeRetention");
        if (closeGrace.isNegative()) {
            throw new IllegalArgumentException("closeGrace must not be negative");
        }
        if (punctuateInterval.isNegative() || punctuateInterval.isZero()) {
            throw new IllegalArgumentException("punctuateInterval must be positive");
        }
        if (articleHistoryRetention.isNegative() || articleHistoryRetention.isZero()) {
            throw new IllegalArgumentException("articleHistoryRetention must be positive");
        }
        if (dedupeRetention.toMillis() < 2) {
            throw new IllegalArgumentException("dedupeRetention must be at least 2 ms");
        }
    }
}
