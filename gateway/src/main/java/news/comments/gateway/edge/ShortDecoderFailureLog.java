package news.comments.gateway.edge;

import reactor.netty.http.logging.HttpMessageArgProvider;
import reactor.netty.http.logging.ReactorNettyHttpMessageLogFactory;

/**
 * reactor-netty logs every request its decoder refuses at WARN with all header names; a request
 * with thousands of headers wrote kilobytes per line. This keeps such a line short: method, the
 * start of the address and why the decoder refused it.
 */
final class ShortDecoderFailureLog extends ReactorNettyHttpMessageLogFactory {

    static final int MAX_URI = 80;

    static final int MAX_CAUSE = 160;

    @Override
    public String warn(HttpMessageArgProvider arg) {
        return brief(arg);
    }

    @Override
    public String error(HttpMessageArgProvider arg) {
        return brief(arg);
    }

    static String brief(HttpMessageArgProvider arg) {
        StringBuilder line = new StringBuilder();
        try {
            line.append(arg.method()).append(' ').append(cut(printable(arg.uri()), MAX_URI));
        } catch (UnsupportedOperationException notARequest) {
            line.append(arg.httpMessageType());
        }
        try {
            int headers = arg.headers().size();
            line.append(" (").append(headers).append(" headers)");
        } catch (UnsupportedOperationException noHeaders) {
            // content or trailers: nothing to count
        }
        try {
            if (arg.decoderResult().isFailure()) {
                line.append(": ")
                        .append(cut(printable(arg.decoderResult().cause().toString()), MAX_CAUSE));
            }
        } catch (UnsupportedOperationException noResult) {
            // nothing to add
        }
        return line.toString();
    }

    private static String cut(String text, int max) {
        return (text.length() <= max) ? text : text.substring(0, max) + "...";
    }

    private static String printable(String text) {
        return (text == null) ? "" : text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
