package news.comments.gateway.edge;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets, one per client: {@code requests} tokens refilled evenly over
 * {@code period}. Per gateway instance: several instances each allow the full rate.
 */
final class TokenBucketLimiter {

	/** Allowed, or refused with the wait until the next token. */
	record Decision(boolean allowed, Duration retryAfter) {
	}

	private final int capacity;

	private final double nanosPerToken;

	private final int maxClients;

	private final LongSupplier nanoClock;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	TokenBucketLimiter(EdgeProperties.Limit limit, int maxClients, LongSupplier nanoClock) {
		this.capacity = limit.requests();
		this.nanosPerToken = (double) limit.period().toNanos() / limit.requests();
		this.maxClients = maxClients;
		this.nanoClock = nanoClock;
	}

	Decision tryAcquire(String client) {
		long now = this.nanoClock.getAsLong();
		if (this.buckets.size() >= this.maxClients && !this.buckets.containsKey(client)) {
			evictFull(now);
		}
		Bucket bucket = this.buckets.computeIfAbsent(client, key -> new Bucket(this.capacity, now));
		synchronized (bucket) {
			bucket.refill(now, this.capacity, this.nanosPerToken);
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return new Decision(true, Duration.ZERO);
			}
			long wait = (long) Math.ceil((1 - bucket.tokens) * this.nanosPerToken);
			return new Decision(false, Duration.ofNanos(wait));
		}
	}

	int trackedClients() {
		return this.buckets.size();
	}

	/** Forgets clients whose bucket is full again: they are indistinguishable from new ones. */
	private void evictFull(long now) {
		this.buckets.entrySet().removeIf(entry -> {
			Bucket bucket = entry.getValue();
			synchronized (bucket) {
				bucket.refill(now, this.capacity, this.nanosPerToken);
				return bucket.tokens >= this.capacity;
			}
		});
	}

	private static final class Bucket {

		double tokens;

		long updatedAt;

		Bucket(int tokens, long now) {
			this.tokens = tokens;
			this.updatedAt = now;
		}

		void refill(long now, int capacity, double nanosPerToken) {
			long elapsed = now - this.updatedAt;
			if (elapsed > 0) {
				this.tokens = Math.min(capacity, this.tokens + elapsed / nanosPerToken);
				this.updatedAt = now;
			}
		}

	}

}
