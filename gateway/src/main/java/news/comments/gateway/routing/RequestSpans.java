package news.comments.gateway.routing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's span of a request, kept on the exchange by {@link TraceForwardingFilter}, and the way the
 * gateway's own log lines about that request get its trace and span ids: Reactor's threads have no current
 * span (putting it in scope on every operator is what Reactor's automatic context propagation would cost on
 * every request), so a log statement about a request runs with the request's span in scope, which puts the
 * ids in the MDC for that one line.
 */
@Component
public class RequestSpans {

    static final String ATTRIBUTE = RequestSpans.class.getName() + ".span";

    private final Tracer tracer;

    public RequestSpans(ObjectProvider<Tracer> tracer) {
        // Boot's tracer; none when tracing is switched off, and then log lines carry no ids.
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    }

    static void remember(ServerWebExchange exchange, Span span) {
        exchange.getAttributes().put(ATTRIBUTE, span);
    }

    /** Runs {@code logStatement} with the request's span (if it has one) in scope. */
    public void log(ServerWebExchange exchange, Runnable logStatement) {
        Span span = exchange.getAttribute(ATTRIBUTE);
        if (span == null) {
            logStatement.run();
            return;
        }
        try (Tracer.SpanInScope ignored = this.tracer.withSpan(span)) {
            logStatement.run();
        }
    }
}
