package news.comments.gateway.edge;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * Caps the open comment streams (server-sent events that stay open for minutes): per client, so
 * one address cannot hold thousands of connections, and in total, so the gateway's and
 * comment-service's file descriptors and memory stay bounded. Over the client's cap the answer is
 * 429 problem+json, over the total 503, both with Retry-After and before anything is proxied. A
 * slot is held for as long as the exchange runs and freed when it completes, fails or is cancelled
 * (the client went away). In memory, per gateway instance.
 */
public class StreamLimitWebFilter implements WebFilter, Ordered {

    static final int ORDER = RateLimitWebFilter.ORDER + 1;

    private static final PathPattern STREAM =
            PathPatternParser.defaultInstance.parse("/api/articles/{articleId}/comments/stream");

    private final int perClient;

    private final int total;

    private final String retryAfterSeconds;

    private final ClientAddressResolver clients;

    private final Map<String, Integer> openByClient = new HashMap<>();

    private int open;

    StreamLimitWebFilter(
            StreamLimitProperties limits, Duration retryAfter, ClientAddressResolver clients, MeterRegistry meters) {
        this.perClient = limits.perClient();
        this.total = limits.total();
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
        this.clients = clients;
        Gauge.builder("comments.gateway.streams.open", this, StreamLimitWebFilter::openStreams)
                .description("Comment streams open through this gateway instance")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET
                || !STREAM.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        String client = this.clients.clientOf(exchange.getRequest());
        ProblemException refused = tryOpen(client);
        if (refused != null) {
            return Mono.error(refused);
        }
        return Mono.defer(() -> chain.filter(exchange)).doFinally(signal -> close(client));
    }

    /** Takes a slot for the client, or says why not. One lock: opening a stream is rare next to reading it. */
    private synchronized ProblemException tryOpen(String client) {
        int mine = this.openByClient.getOrDefault(client, 0);
        if (mine >= this.perClient) {
            return new ProblemException(
                            ProblemType.TOO_MANY_REQUESTS,
                            "This client already has " + mine + " open comment streams; close one first.")
                    .withHeader("Retry-After", this.retryAfterSeconds);
        }
        if (this.open >= this.total) {
            return new ProblemException(
                            ProblemType.SERVICE_BUSY,
                            "Too many open comment streams; try again in " + this.retryAfterSeconds + " s.")
                    .withHeader("Retry-After", this.retryAfterSeconds);
        }
        this.openByClient.put(client, mine + 1);
        this.open++;
        return null;
    }

    private synchronized void close(String client) {
        // Forget a client without streams: the map only ever holds clients with an open stream.
        this.openByClient.computeIfPresent(client, (key, count) -> (count > 1) ? count - 1 : null);
        this.open--;
    }

    synchronized int openStreams() {
        return this.open;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
