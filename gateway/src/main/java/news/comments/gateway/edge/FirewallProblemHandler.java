package news.comments.gateway.edge;

import news.comments.gateway.problem.ProblemWriter;
import news.comments.gateway.security.SecurityHeaders;
import news.comments.web.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's strict firewall refuses suspicious requests (encoded slashes or dots, path
 * traversal, backslashes, semicolons, NUL...) before any filter runs; answer that 400 as
 * problem+json with the usual security headers instead of an empty body.
 */
public class FirewallProblemHandler implements ServerExchangeRejectedHandler {

    private final ProblemWriter writer;

    FirewallProblemHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        SecurityHeaders.ON_EARLY_ERRORS.forEach(headers::set);
        return this.writer.write(exchange, ProblemException.badRequest("The request address is not allowed."));
    }
}
