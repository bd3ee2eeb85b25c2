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
 */
@Validated
@ConfigurationProperties("comments.gateway")
public record EdgeProperties(
        @NotNull @DefaultValue List<String> trustedProxies,
        @NotNull @DefaultValue("64KB") DataSize maxBodySize,
        @NotNull @DefaultValue("512KB") DataSize maxArticleBodySize,
        @Valid @NotNull @DefaultValue RateLimits rateLimit) {

    /**
     * @param comments reader writes: posting a comment, reporting one
     * @param signIn {@code POST /api/auth/token} (brute-force protection)
     * @param maxClients how many clients are tracked at once per limit (memory bound)
     */
    public record RateLimits(
            @Valid @NotNull @DefaultValue({"20", "1m"}) Limit comments,
            @Valid @NotNull @DefaultValue({"5", "1m"}) Limit signIn,
            @Min(100) @DefaultValue("100000") int maxClients) {}

    /**
     * At most {@code requests} per {@code period} per client, refilled evenly (a token bucket of
     * {@code requests} that allows that burst).
     */
    public record Limit(@Min(1) int requests, @NotNull Duration period) {}
}
