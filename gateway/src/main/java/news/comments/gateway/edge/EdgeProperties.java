package news.comments.gateway.edge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Edge protection settings ({@code comments.gateway.*}).
 *
 * @param trustedProxies addresses or CIDR blocks of reverse proxies whose {@code X-Forwarded-For}
 * is believed; empty (the default) means the direct peer is always the client
 * @param maxBodySize largest request body accepted on any call
 * @param maxArticleBodySize largest body of {@code POST /api/articles} (articles are long)
 * @param rateLimit per-client limits on writes
 * @param retryAfter the {@code Retry-After} of the gateway's own 503 and 504 answers (a service failing or
 * full, too many streams in all)
 * @param connectTimeout how long a connection to a service may take
 */
@Validated
@ConfigurationProperties("comments.gateway")
public record EdgeProperties(
        @NotNull @DefaultValue List<String> trustedProxies,
        @NotNull @DefaultValue("64KB") DataSize maxBodySize,
        @NotNull @DefaultValue("512KB") DataSize maxArticleBodySize,
        @Valid @NotNull @DefaultValue RateLimits rateLimit,
        @NotNull @DefaultValue("5s") Duration retryAfter,
        @NotNull @DefaultValue("2s") Duration connectTimeout) {

    /**
     * @param comments reader writes: posting a comment, reporting one
     * @param signIn {@code POST /api/auth/token} (brute-force protection)
     * @param maxClients how many clients are tracked at once per limit (memory bound)
     */
    public record RateLimits(
            @Valid Limit comments,
            @Valid Limit signIn,
            @Min(100) @DefaultValue("100000") int maxClients) {

        private static final Limit COMMENTS = new Limit(20, Duration.ofMinutes(1));
        private static final Limit SIGN_IN = new Limit(5, Duration.ofMinutes(1));

        // Here rather than in @DefaultValue: a site may set only the requests or only the period of a limit.
        public RateLimits {
            comments = Limit.or(comments, COMMENTS);
            signIn = Limit.or(signIn, SIGN_IN);
        }
    }

    /**
     * At most {@code requests} per {@code period} per client, refilled evenly (a token bucket of
     * {@code requests} that allows that burst).
     */
    public record Limit(@Min(1) Integer requests, Duration period) {

        static Limit or(Limit set, Limit byDefault) {
            if (set == null) {
                return byDefault;
            }
            return new Limit(
                    set.requests() != null ? set.requests() : byDefault.requests(),
                    set.period() != null ? set.period() : byDefault.period());
        }
    }
}
