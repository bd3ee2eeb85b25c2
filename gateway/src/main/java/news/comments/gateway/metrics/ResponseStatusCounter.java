package news.comments.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts every answer the public port writes by its status, at the connection: proxied answers, the
 * gateway's own, and those the HTTP decoder writes before any filter runs (400, 414, 431). One
 * counter increment per response, the counter found by index.
 */
@ChannelHandler.Sharable
public final class ResponseStatusCounter extends ChannelOutboundHandlerAdapter {

    static final String NAME = "comments.responseStatusCounter";

    static final String METER = "comments.gateway.responses";

    private final MeterRegistry meters;

    private final AtomicReferenceArray<Counter> byStatus = new AtomicReferenceArray<>(600);

    ResponseStatusCounter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            count(response.status().code());
        }
        super.write(ctx, msg, promise);
    }

    void count(int status) {
        if (status < 200 || status >= 600) {
            return; // 1xx (100 Continue) is not an answer
        }
        Counter counter = this.byStatus.get(status);
        if (counter == null) {
            // Registering is idempotent: two threads racing here get the same counter.
            counter = Counter.builder(METER)
                    .description("Answers of the public port by HTTP status")
                    .tag("status", Integer.toString(status))
                    .register(this.meters);
            this.byStatus.set(status, counter);
        }
        counter.increment();
    }
}
