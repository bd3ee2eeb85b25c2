package news.comments.gateway.edge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.LinkedHashMap;
import java.util.Map;
import news.comments.gateway.security.SecurityHeaders;
import news.comments.web.problem.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives a problem+json body and the security headers to error answers written without a body.
 * Those come from reactor-netty itself, before WebFlux sees the request: a request line over the
 * limit (414), headers over the limit (431) or a request the HTTP decoder cannot read (400). Every
 * answer the gateway's own code writes already has a body and a content type and passes unchanged.
 */
@ChannelHandler.Sharable
final class BareErrorProblemHandler extends ChannelOutboundHandlerAdapter {

    static final String NAME = "comments.bareErrorProblem";

    private final JsonMapper json;

    BareErrorProblemHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpResponse response && isBareError(response)) {
            byte[] body = this.json.writeValueAsBytes(problem(response.status().code()));
            FullHttpResponse problem = response.replace(Unpooled.wrappedBuffer(body));
            response.release();
            SecurityHeaders.ON_EARLY_ERRORS.forEach(problem.headers()::set);
            problem.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            super.write(ctx, problem, promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    private static boolean isBareError(FullHttpResponse response) {
        return response.status().code() >= 400
                && !response.content().isReadable()
                && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
    }

    static Map<String, Object> problem(int status) {
        ProblemException problem = ProblemException.forStatus(
                status,
                switch (status) {
                    case 414 -> "The request address is too long.";
                    case 431 -> "The request headers are too large.";
                    case 400 -> "The request line or headers could not be read.";
                    default -> "The request could not be handled.";
                });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", status);
        body.put("detail", problem.detail());
        return body;
    }
}
