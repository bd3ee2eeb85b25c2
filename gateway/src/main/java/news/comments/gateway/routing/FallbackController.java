package news.comments.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import news.comments.gateway.edge.EdgeProperties;
import news.comments.gateway.problem.ProblemWriter;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker forwards when the service behind it fails (down, refusing
 * connections, circuit open, timed out). Answers 503 (504 for a timeout) as problem+json with
 * Retry-After. Only reachable through a circuit breaker: asked directly it is a 404.
 */
@RestController
public class FallbackController {

    static final String FALLBACK_PATH = "/gateway-fallback/";

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private final ProblemWriter writer;

    private final RequestSpans spans;

    private final String retryAfterSeconds;

    public FallbackController(ProblemWriter writer, EdgeProperties edge, RequestSpans spans) {
        Duration retryAfter = edge.retryAfter();
        this.writer = writer;
        this.spans = spans;
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    @RequestMapping(FALLBACK_PATH + "{service}")
    public Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        if (cause instanceof BulkheadFullException) {
            // The route's concurrency limit is reached: shed the call at once; the service itself is fine.
            this.spans.log(exchange, () -> log.warn("{} is at its concurrency limit", service));
            return this.writer.write(
                    exchange,
                    new ProblemException(
                                    ProblemType.SERVICE_BUSY,
                                    "The " + service + " is handling too many calls right now. Try again shortly.")
                            .withHeader("Retry-After", "1"));
        }
        if (isTimeout(cause)) {
            this.spans.log(exchange, () -> log.warn("{} did not answer in time", service));
            return this.writer.write(
                    exchange,
                    new ProblemException(
                                    ProblemType.GATEWAY_TIMEOUT,
                                    "The " + service + " did not answer in time. Try again later.")
                            .withHeader("Retry-After", this.retryAfterSeconds));
        }
        this.spans.log(exchange, () -> log.warn("{} is unavailable: {}", service, cause.toString()));
        return this.writer.write(
                exchange,
                new ProblemException(
                                ProblemType.SERVICE_UNAVAILABLE,
                                "The " + service + " is not available right now. Try again later.")
                        .withHeader("Retry-After", this.retryAfterSeconds));
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || (t instanceof ResponseStatusException rse
                            && rse.getStatusCode().value() == 504)) {
                return true;
            }
        }
        return false;
    }
}
