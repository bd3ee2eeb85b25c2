package news.comments.gateway.metrics;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/** Puts the {@link ResponseStatusCounter} on every connection of the public port, behind the HTTP codec. */
final class ResponseStatusCounterInstaller implements NettyServerCustomizer {

    private final ResponseStatusCounter counter;

    ResponseStatusCounterInstaller(ResponseStatusCounter counter) {
        this.counter = counter;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, ResponseStatusCounter.NAME, this.counter);
            }
        });
    }
}
