package news.comments.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Bucket4j token buckets, one per client: {@code requests} tokens refilled evenly over
 * {@code period}. The buckets live in a Caffeine cache of at most {@code maxClients} entries, so
 * memory stays bounded however many addresses an attacker uses, and each request costs O(1).
 * A bucket unused for a whole period is full again, so forgetting it then loses nothing. Per
 * gateway instance: several instances each allow the full rate.
 */
final class TokenBucketLimiter {

    /** Allowed, or refused with the wait until the next token. */
    record Decision(boolean allowed, Duration retryAfter) {}

    private final Bandwidth bandwidth;

    private final TimeMeter clock;

    private final Cache<String, Bucket> buckets;

    TokenBucketLimiter(EdgeProperties.Limit limit, int maxClients, LongSupplier nanoClock) {
        this.bandwidth = Bandwidth.builder()
                .capacity(limit.requests())
                .refillGreedy(limit.requests(), limit.period())
                .build();
        this.clock = new TimeMeter() {

            @Override
            public long currentTimeNanos() {
                return nanoClock.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(limit.period())
                .ticker(nanoClock::getAsLong)
                .build();
    }

    Decision tryAcquire(String client) {
        Bucket bucket = this.buckets.get(client, key -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, Duration.ZERO);
        }
        return new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Clients tracked now, after pending evictions ran. */
    long trackedClients() {
        this.buckets.cleanUp();
        return this.buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(this.bandwidth)
                .withCustomTimePrecision(this.clock)
                .build();
    }
}
