package news.comments.gateway.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers and logs of requests refused by reactor-netty's HTTP decoder (request line or
 * headers over {@code server.netty.max-initial-line-length} / {@code server.max-http-request-header-size},
 * unreadable requests): problem+json with the security headers, and one short WARN line each.
 */
final class HttpDecoderCustomizer implements NettyServerCustomizer {

    private final BareErrorProblemHandler problems;

    HttpDecoderCustomizer(JsonMapper json) {
        this.problems = new BareErrorProblemHandler(json);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.httpMessageLogFactory(new ShortDecoderFailureLog())
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        channel.pipeline()
                                .addAfter(NettyPipeline.HttpCodec, BareErrorProblemHandler.NAME, this.problems);
                    }
                });
    }
}
