package news.comments.gateway.routing;

import news.comments.gateway.edge.ClientAddressResolver;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the services who the client is: every routed request carries {@value #HEADER} with the
 * address the gateway resolved (trusted proxies applied), replacing whatever a client sent under
 * that name. The services believe the header because only the gateway can reach them (README,
 * "Security model"); comment-service uses it to count a reader's reports once.
 */
@Component
public class ClientAddressHeaderFilter implements GlobalFilter, Ordered {

    public static final String HEADER = "X-Comments-Client";

    private final ClientAddressResolver clients;

    public ClientAddressHeaderFilter(ClientAddressResolver clients) {
        this.clients = clients;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String client = this.clients.clientOf(exchange.getRequest());
        ServerWebExchange forwarded = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, client)))
                .build();
        return chain.filter(forwarded);
    }

    @Override
    public int getOrder() {
        // Before the routing filter sends the request on, whatever else runs around it.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
