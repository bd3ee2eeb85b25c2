package news.comments.gateway.problem;

import java.util.stream.Collectors;
import news.comments.gateway.routing.RequestSpans;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Everything the gateway answers with an error is application/problem+json: no route (404),
 * wrong method (405), unreadable body (400), timeouts (504) and anything unexpected (500,
 * without internals). Replaces Boot's default JSON error handler.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final ProblemWriter writer;

    private final RequestSpans spans;

    public ProblemErrorWebExceptionHandler(ProblemWriter writer, RequestSpans spans) {
        this.writer = writer;
        this.spans = spans;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            // Too late for a body (e.g. a stream broke half way): let the server close the connection.
            return Mono.error(ex);
        }
        exchange.getResponse().getHeaders().clearContentHeaders();
        return this.writer.write(exchange, toProblem(exchange, ex));
    }

    private ProblemException toProblem(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ProblemException problem) {
            return problem;
        }
        if (ex instanceof WebExchangeBindException bind) {
            String detail = bind.getFieldErrors().stream()
                    .map(error -> error.getField() + ": " + error.getDefaultMessage())
                    .sorted()
                    .collect(Collectors.joining("; "));
            return ProblemException.badRequest(detail.isEmpty() ? "The request is not valid." : detail);
        }
        if (ex instanceof ServerWebInputException) {
            return ProblemException.badRequest("The request could not be read: check the body and parameters.");
        }
        if (ex instanceof ErrorResponse errorResponse) {
            HttpStatus status = HttpStatus.resolve(errorResponse.getStatusCode().value());
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            ProblemException problem = forStatus(exchange, status);
            errorResponse.getHeaders().forEach((name, values) -> values.forEach(v -> problem.withHeader(name, v)));
            return problem;
        }
        this.spans.log(
                exchange,
                () -> log.error(
                        "Unexpected error on {} {}",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(),
                        ex));
        return forStatus(exchange, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ProblemException forStatus(ServerWebExchange exchange, HttpStatus status) {
        String path = exchange.getRequest().getPath().value();
        String method = exchange.getRequest().getMethod().name();
        return switch (status) {
            case NOT_FOUND -> new ProblemException(ProblemType.NOT_FOUND, "No resource at " + path + ".");
            case METHOD_NOT_ALLOWED ->
                new ProblemException(ProblemType.METHOD_NOT_ALLOWED, method + " is not supported on " + path + ".");
            case UNSUPPORTED_MEDIA_TYPE ->
                new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
            case GATEWAY_TIMEOUT ->
                new ProblemException(
                        ProblemType.GATEWAY_TIMEOUT, "The service behind " + path + " did not answer in time.");
            case SERVICE_UNAVAILABLE ->
                new ProblemException(
                                ProblemType.SERVICE_UNAVAILABLE,
                                "The service behind " + path + " is not available right now.")
                        .withHeader("Retry-After", "5");
            case INTERNAL_SERVER_ERROR ->
                new ProblemException(ProblemType.INTERNAL_ERROR, "The gateway could not handle the request.");
            default -> ProblemException.forStatus(status.value(), status.getReasonPhrase() + ".");
        };
    }
}
