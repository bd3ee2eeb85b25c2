package news.comments.gateway.problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import news.comments.web.problem.ProblemException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem bodies straight to the response. Used by the security
 * entry points and the error handler, which run outside the annotated controllers. Counts each
 * answer by status and problem type ({@value #METER}): rate limits, busy and unavailable services,
 * timeouts and refusals, for ops.
 */
@Component
public class ProblemWriter {

    static final String METER = "comments.gateway.problems";

    private final JsonMapper jsonMapper;

    private final MeterRegistry meters;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ProblemWriter(JsonMapper jsonMapper, MeterRegistry meters) {
        this.jsonMapper = jsonMapper;
        this.meters = meters;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemException problem) {
        count(problem);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        problem.headers().forEach((name, values) -> response.getHeaders().put(name, values));
        byte[] bytes = this.jsonMapper.writeValueAsBytes(body(exchange, problem.status(), problem));
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    private void count(ProblemException problem) {
        String status = Integer.toString(problem.status().value());
        this.counters
                .computeIfAbsent(
                        status + ' ' + problem.slug(),
                        key -> Counter.builder(METER)
                                .description("Problem answers the gateway wrote itself, by status and type")
                                .tag("status", status)
                                .tag("type", problem.slug())
                                .register(this.meters))
                .increment();
    }

    private static Map<String, Object> body(
            ServerWebExchange exchange, HttpStatusCode status, ProblemException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", status.value());
        body.put("detail", problem.detail());
        body.put("instance", OriginalPathWebFilter.originalPath(exchange));
        problem.properties().forEach(body::putIfAbsent);
        return body;
    }
}
