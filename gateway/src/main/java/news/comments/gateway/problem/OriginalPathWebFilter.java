package news.comments.gateway.problem;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Remembers the path the client asked for, so a problem answered after an internal forward (the
 * circuit breaker fallback) names that path as its {@code instance}, not the fallback's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OriginalPathWebFilter implements WebFilter {

    static final String ORIGINAL_PATH_ATTR = OriginalPathWebFilter.class.getName() + ".path";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes()
                .putIfAbsent(ORIGINAL_PATH_ATTR, exchange.getRequest().getPath().value());
        return chain.filter(exchange);
    }

    static String originalPath(ServerWebExchange exchange) {
        String path = exchange.getAttribute(ORIGINAL_PATH_ATTR);
        return (path != null) ? path : exchange.getRequest().getPath().value();
    }
}
