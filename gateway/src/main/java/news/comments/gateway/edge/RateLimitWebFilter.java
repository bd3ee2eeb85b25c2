package news.comments.gateway.edge;

import java.time.Duration;
import java.util.List;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Per-client limits on the anonymous writes: posting or reporting comments, and signing in (which
 * also bounds password guessing). Over the limit the answer is 429 problem+json with Retry-After,
 * before the request reaches a service or BCrypt. Runs after Spring Security's filter chain so the
 * answer carries the security headers.
 */
public class RateLimitWebFilter implements WebFilter, Ordered {

    static final int ORDER = 0;

    private record Policy(String name, List<PathPattern> paths, TokenBucketLimiter limiter) {}

    private final List<Policy> policies;

    private final ClientAddressResolver clients;

    RateLimitWebFilter(EdgeProperties.RateLimits limits, ClientAddressResolver clients) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        this.clients = clients;
        this.policies = List.of(
                new Policy(
                        "comments",
                        List.of(
                                parser.parse("/api/articles/{articleId}/comments"),
                                parser.parse("/api/comments/{commentId}/reports")),
                        new TokenBucketLimiter(limits.comments(), limits.maxClients(), System::nanoTime)),
                new Policy(
                        "sign-in",
                        List.of(parser.parse("/api/auth/token")),
                        new TokenBucketLimiter(limits.signIn(), limits.maxClients(), System::nanoTime)));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        Policy policy = policyFor(exchange);
        if (policy == null) {
            return chain.filter(exchange);
        }
        TokenBucketLimiter.Decision decision =
                policy.limiter().tryAcquire(this.clients.clientOf(exchange.getRequest()));
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        long seconds = retryAfterSeconds(decision.retryAfter());
        return Mono.error(new ProblemException(
                        ProblemType.TOO_MANY_REQUESTS,
                        "Too many " + policy.name() + " requests from this client. Try again in " + seconds + " s.")
                .withHeader("Retry-After", Long.toString(seconds)));
    }

    private Policy policyFor(ServerWebExchange exchange) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        for (Policy policy : this.policies) {
            for (PathPattern pattern : policy.paths()) {
                if (pattern.matches(path)) {
                    return policy;
                }
            }
        }
        return null;
    }

    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0);
        return Math.max(1, seconds);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
