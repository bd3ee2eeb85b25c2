package news.comments.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for one downstream service. It records every request and answers
 * canned JSON; a few paths behave specially (see {@link #handle}).
 */
final class StubDownstream implements AutoCloseable {

    static final String SSE_PATH = "/api/articles/sse/comments/stream";

    static final String PROBLEM_PATH = "/api/comments/unavailable-problem";

    static final String SLOW_PATH = "/api/comments/slow";

    static final String ARTICLE_SLOW_PATH = "/api/articles/slow";

    /** A hung service: while set, every call is answered only after 3 s. */
    volatile boolean hung;

    record Recorded(String method, String uri, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = this.headers.get(name);
            return (values == null || values.isEmpty()) ? null : values.get(0);
        }
    }

    private final String name;

    private final HttpServer server;

    private final ExecutorService executor = Executors.newCachedThreadPool();

    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();

    /** Released by a test to end the open SSE stream. */
    volatile CountDownLatch streamRelease = new CountDownLatch(1);

    StubDownstream(String name) {
        this.name = name;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        this.server.setExecutor(this.executor);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    List<Recorded> drain() {
        List<Recorded> all = new ArrayList<>();
        this.requests.drainTo(all);
        return all;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() != null
                        ? "?" + exchange.getRequestURI().getRawQuery()
                        : "");
        this.requests.add(new Recorded(exchange.getRequestMethod(), uri, headers, body));
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (this.hung) {
                sleepQuietly(3000);
            }
            switch (path) {
                case SSE_PATH -> stream(exchange);
                case PROBLEM_PATH ->
                    answer(
                            exchange,
                            503,
                            "application/problem+json",
                            "{\"type\":\"/problems/downstream-own\",\"title\":\"Busy.\",\"status\":503,\"detail\":\"from "
                                    + this.name + "\"}");
                case SLOW_PATH, ARTICLE_SLOW_PATH -> {
                    sleepQuietly(3000);
                    answer(exchange, 200, "application/json", "{\"late\":true}");
                }
                default ->
                    answer(
                            exchange,
                            200,
                            "application/json",
                            "{\"service\":\"" + this.name + "\",\"method\":\"" + exchange.getRequestMethod() + "\"}");
            }
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("event: comment\ndata: {\"id\":\"first\"}\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            // Keep the stream open until the test has seen the first event (or gives up).
            this.streamRelease.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        out.write("event: comment\ndata: {\"id\":\"second\"}\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        this.streamRelease.countDown();
        this.server.stop(0);
        this.executor.shutdownNow();
    }
}
