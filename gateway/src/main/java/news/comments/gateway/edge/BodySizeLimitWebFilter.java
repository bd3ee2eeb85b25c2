package news.comments.gateway.edge;

import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over the limit with 413 problem+json before anything reads them. A
 * declared Content-Length is checked up front; a chunked body (no length) is read up to the limit
 * and then passed on as one buffer, so it can never stream past it.
 */
public class BodySizeLimitWebFilter implements WebFilter, Ordered {

    static final int ORDER = 10;

    private final long maxBytes;

    private final long maxArticleBytes;

    BodySizeLimitWebFilter(DataSize maxBodySize, DataSize maxArticleBodySize) {
        this.maxBytes = maxBodySize.toBytes();
        this.maxArticleBytes = maxArticleBodySize.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long limit = limitFor(request);
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return Mono.error(tooLarge(limit));
        }
        if (declared >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            // The server reads exactly Content-Length bytes (or none): nothing more can arrive.
            return chain.filter(exchange);
        }
        int maxInMemory = (int) Math.min(Integer.MAX_VALUE, limit);
        return DataBufferUtils.join(request.getBody(), maxInMemory)
                .onErrorMap(DataBufferLimitException.class, ex -> tooLarge(limit))
                .map(body -> exchange.mutate().request(withBody(request, body)).build())
                .switchIfEmpty(Mono.fromSupplier(
                        () -> exchange.mutate().request(withBody(request, null)).build()))
                .flatMap(chain::filter);
    }

    private long limitFor(ServerHttpRequest request) {
        boolean newArticle = request.getMethod() == HttpMethod.POST
                && "/api/articles"
                        .equals(request.getPath().pathWithinApplication().value());
        return newArticle ? Math.max(this.maxArticleBytes, this.maxBytes) : this.maxBytes;
    }

    private static ServerHttpRequest withBody(ServerHttpRequest request, DataBuffer body) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength((body != null) ? body.readableByteCount() : 0);
        return new ServerHttpRequestDecorator(request) {

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return (body != null) ? Flux.just(body) : Flux.empty();
            }
        };
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(
                ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes.");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
