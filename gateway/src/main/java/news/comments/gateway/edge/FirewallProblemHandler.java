package news.comments.gateway.edge;

import reactor.core.publisher.Mono;

import news.comments.gateway.problem.ProblemException;
import news.comments.gateway.problem.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's strict firewall refuses suspicious requests (encoded slashes or dots, path
 * traversal, backslashes, semicolons, NUL...) before any filter runs; answer that 400 as
 * problem+json with the usual security headers instead of an empty body.
 */
public class FirewallProblemHandler implements ServerExchangeRejectedHandler {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'";

	private final ProblemWriter writer;

	FirewallProblemHandler(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
		return this.writer.write(exchange, ProblemException.badRequest("The request address is not allowed."));
	}

}
