package news.comments.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket arithmetic, with a hand-driven clock. */
class TokenBucketLimiterTest {

    private final AtomicLong now = new AtomicLong();

    private final TokenBucketLimiter limiter =
            new TokenBucketLimiter(new EdgeProperties.Limit(3, Duration.ofSeconds(30)), 100, this.now::get);

    @Test
    void allowsTheBurstThenRefusesWithTheWaitForTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(this.limiter.tryAcquire("a").allowed()).isTrue();
        }
        TokenBucketLimiter.Decision refused = this.limiter.tryAcquire("a");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(RateLimitWebFilter.retryAfterSeconds(refused.retryAfter())).isEqualTo(10);
        assertThat(this.limiter.tryAcquire("b").allowed()).isTrue();
    }

    @Test
    void tokensComeBackEvenlyOverThePeriod() {
        for (int i = 0; i < 3; i++) {
            this.limiter.tryAcquire("a");
        }
        this.now.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(this.limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(this.limiter.tryAcquire("a").allowed()).isFalse();
    }

    @Test
    void aMillionDistinctClientsKeepTheTableWithinMaxClientsAndARepeatClientStaysLimited() {
        TokenBucketLimiter small =
                new TokenBucketLimiter(new EdgeProperties.Limit(1, Duration.ofMinutes(1)), 1000, this.now::get);
        assertThat(small.tryAcquire("repeat").allowed()).isTrue();

        for (int i = 0; i < 1_000_000; i++) {
            assertThat(small.tryAcquire("client-" + i).allowed()).isTrue();
            if (i % 100 == 0) {
                assertThat(small.tryAcquire("repeat").allowed())
                        .as("repeat client after %d others", i)
                        .isFalse();
            }
        }

        assertThat(small.trackedClients()).isLessThanOrEqualTo(1000);
        assertThat(small.tryAcquire("repeat").allowed()).isFalse();
    }

    @Test
    void aClientIdleForAWholePeriodIsForgottenWithAFullBucket() {
        TokenBucketLimiter small =
                new TokenBucketLimiter(new EdgeProperties.Limit(1, Duration.ofSeconds(1)), 100, this.now::get);
        small.tryAcquire("a");
        small.tryAcquire("b");
        this.now.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(small.trackedClients()).isZero();
        assertThat(small.tryAcquire("a").allowed()).isTrue();
    }
}
