package news.comments.gateway.routing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Puts the gateway into the trace of every routed request and passes the trace on to the service: a span
 * continuing the client's W3C {@code traceparent} (or starting a trace, sampled at
 * {@code management.tracing.sampling.probability}), whose context replaces the {@code traceparent} the
 * service receives. An unsampled span records nothing, but its context still goes on, so the service logs
 * the same trace id and does not sample it either. The span stays on the exchange for the gateway's own log
 * lines about the request ({@link RequestSpans}).
 *
 * <p>This, and not Spring Cloud Gateway's observability ({@code spring.cloud.gateway.server.webflux
 * .observability.enabled}) with the server's {@code http.server.requests} observation: those bring a timer
 * per request and per client call besides the span, which the gateway leaves out for their cost
 * ({@code metrics.RequestMetricsConfiguration}, docs/adr/0009-cost-of-a-comment.md). One span per proxied
 * request, no meters. Switching the standard observations back on ({@code comments.gateway.request-observations}
 * and {@code observability.enabled}) works as well; this filter then only adds its own span.
 */
@Component
public class TraceForwardingFilter implements GlobalFilter, Ordered {

    private final Propagator propagator;

    public TraceForwardingFilter(ObjectProvider<Propagator> propagator) {
        // Boot's propagator; none when tracing is switched off, and then nothing is traced or replaced.
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        var request = exchange.getRequest();
        Span span = propagator
                .extract(request.getHeaders(), (headers, key) -> headers.getFirst(key))
                .name("gateway " + request.getMethod().name())
                .kind(Span.Kind.SERVER)
                .start();
        RequestSpans.remember(exchange, span);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null) {
            span.tag("gateway.route.id", route.getId());
        }
        ServerWebExchange traced = exchange.mutate()
                .request(r ->
                        r.headers(headers -> propagator.inject(span.context(), headers, (h, k, v) -> h.set(k, v))))
                .build();
        return chain.filter(traced).doOnError(span::error).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status != null) {
                span.tag("http.response.status_code", Integer.toString(status.value()));
            }
            span.end();
        });
    }

    @Override
    public int getOrder() {
        // Before the routing filter sends the request on, and around the retries of a GET.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
