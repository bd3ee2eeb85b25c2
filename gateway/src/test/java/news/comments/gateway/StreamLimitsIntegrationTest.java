package news.comments.gateway;

import static news.comments.gateway.GatewayIntegrationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Open comment streams are capped per client and in total, and client connections that send no
 * (complete) request are closed. Behind the gateway a non-blocking stub comment-service holds every
 * stream open until the gateway lets go of it. The test client connects from 127.0.0.1, configured as
 * a trusted proxy, so X-Forwarded-For names the client.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "comments.gateway.trusted-proxies=127.0.0.1,::1",
            "comments.gateway.streams.per-client=" + StreamLimitsIntegrationTest.PER_CLIENT,
            "comments.gateway.streams.total=" + StreamLimitsIntegrationTest.TOTAL,
            "server.netty.idle-timeout=2s"
        })
class StreamLimitsIntegrationTest {

    static final int PER_CLIENT = 5;

    static final int TOTAL = 20;

    /** Streams the stub comment-service is serving right now. */
    static final AtomicInteger DOWNSTREAM_OPEN = new AtomicInteger();

    static final DisposableServer COMMENT_SERVICE = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.get("/api/articles/{articleId}/comments/stream", (request, response) -> {
                DOWNSTREAM_OPEN.incrementAndGet();
                return response.header("Content-Type", "text/event-stream")
                        .sendString(Flux.just(":connected\n\n").concatWith(Flux.never()))
                        .then()
                        .doFinally(signal -> DOWNSTREAM_OPEN.decrementAndGet());
            }))
            .bindNow();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayIntegrationTest.routeEveryServiceToAClosedPort(registry);
        registry.add("comments.gateway.comment-service-uri", () -> "http://127.0.0.1:" + COMMENT_SERVICE.port());
    }

    @AfterAll
    static void stopStub() {
        COMMENT_SERVICE.disposeNow();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    GatewayHttp http;

    final List<HttpResponse<InputStream>> open = new ArrayList<>();

    @BeforeEach
    void setUp() {
        this.http = new GatewayHttp(this.port);
    }

    @AfterEach
    void closeStreams() {
        this.open.forEach(StreamLimitsIntegrationTest::close);
        this.open.clear();
        awaitOpenStreams(0);
    }

    // --- stream caps -------------------------------------------------------------------------------

    @Test
    void aClientOverItsStreamCapGets429ProblemAndClosingAStreamFreesItsSlot() {
        for (int i = 0; i < PER_CLIENT; i++) {
            this.open.add(expectStream("198.51.100.1"));
        }

        HttpResponse<InputStream> refused = stream("198.51.100.1");
        assertProblem(asString(refused), 429, "/problems/too-many-requests");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        // another client is not affected
        this.open.add(expectStream("198.51.100.2"));

        close(this.open.remove(0));
        awaitOpenStreams(PER_CLIENT);
        this.open.add(expectStream("198.51.100.1"));
        assertThat(DOWNSTREAM_OPEN).hasValue(PER_CLIENT + 1);
    }

    @Test
    void streamsOverTheTotalCapGet503Problem() {
        for (int client = 0; client < TOTAL / PER_CLIENT; client++) {
            for (int i = 0; i < PER_CLIENT; i++) {
                this.open.add(expectStream("203.0.113." + client));
            }
        }

        HttpResponse<InputStream> refused = stream("203.0.113.200");
        assertProblem(asString(refused), 503, "/problems/service-busy");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(openStreams()).isEqualTo(TOTAL);

        close(this.open.remove(0));
        awaitOpenStreams(TOTAL - 1);
        this.open.add(expectStream("203.0.113.200"));
    }

    @Test
    void threeHundredConcurrentStreamsFromSixClientsOpenExactlyTheCapsAndAllAreFreedAfterwards() {
        int clients = 6;
        int attemptsPerClient = 50;
        List<CompletableFuture<HttpResponse<InputStream>>> attempts = new ArrayList<>();
        for (int attempt = 0; attempt < attemptsPerClient; attempt++) {
            for (int client = 0; client < clients; client++) {
                attempts.add(this.http
                        .client()
                        .sendAsync(streamRequest("192.0.2." + client), HttpResponse.BodyHandlers.ofInputStream()));
            }
        }
        List<HttpResponse<InputStream>> responses =
                attempts.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<InputStream>> accepted =
                responses.stream().filter(r -> r.statusCode() == 200).toList();
        this.open.addAll(accepted);
        List<HttpResponse<InputStream>> refused =
                responses.stream().filter(r -> r.statusCode() != 200).toList();

        assertThat(accepted).hasSize(TOTAL);
        Map<String, Long> acceptedByClient = accepted.stream()
                .collect(Collectors.groupingBy(
                        r -> r.request().headers().firstValue("X-Forwarded-For").orElseThrow(), Collectors.counting()));
        assertThat(acceptedByClient.values())
                .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(PER_CLIENT));
        assertThat(refused).hasSize(clients * attemptsPerClient - TOTAL).allSatisfy(response -> {
            assertThat(response.statusCode()).isIn(429, 503);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        });
        refused.forEach(StreamLimitsIntegrationTest::close);
        assertThat(openStreams()).isEqualTo(TOTAL);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(DOWNSTREAM_OPEN).hasValue(TOTAL));

        accepted.forEach(StreamLimitsIntegrationTest::close);
        awaitOpenStreams(0);
        await("the gateway lets go of every downstream stream")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(DOWNSTREAM_OPEN).hasValue(0));
    }

    // --- idle connections --------------------------------------------------------------------------

    @Test
    void aConnectionThatSendsNothingIsClosedByTheServer() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(15_000);
            assertThat(socket.getInputStream().read())
                    .as("end of stream: the server closed it")
                    .isEqualTo(-1);
        }
    }

    @Test
    void aConnectionThatDripsAnIncompleteRequestHeadIsClosedByTheServer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/articles HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // One header byte every 500 ms, more often than the idle timeout: never a complete head.
            boolean closed = false;
            for (int i = 0; i < 30 && !closed; i++) {
                Thread.sleep(500);
                try {
                    out.write('X');
                    out.flush();
                } catch (IOException reset) {
                    closed = true;
                }
                if (!closed) {
                    socket.setSoTimeout(1);
                    try {
                        closed = socket.getInputStream().read() == -1;
                    } catch (SocketTimeoutException stillOpen) {
                        // no answer yet
                    }
                }
            }
            assertThat(closed)
                    .as("the server closed the connection within 15 s")
                    .isTrue();
        }
    }

    @Test
    void anOpenStreamOutlivesTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.getOutputStream()
                    .write(
                            ("GET /api/articles/a-1/comments/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                                            + "X-Forwarded-For: 198.51.100.77\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String head = readUntil(in, ":connected");
            assertThat(head).startsWith("HTTP/1.1 200");

            // Silent for twice the idle timeout: the stream is a request under way, not an idle connection.
            Thread.sleep(4_500);
            socket.setSoTimeout(200);
            try {
                int read = in.read();
                assertThat(read).as("the stream is still open").isNotEqualTo(-1);
            } catch (SocketTimeoutException stillOpen) {
                // nothing to read and not closed: as expected
            }
            assertThat(openStreams()).isEqualTo(1);
        }
        awaitOpenStreams(0);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private HttpRequest streamRequest(String client) {
        return this.http
                .request("/api/articles/a-1/comments/stream", null)
                .header("Accept", "text/event-stream")
                .header("X-Forwarded-For", client)
                .GET()
                .build();
    }

    private HttpResponse<InputStream> stream(String client) {
        try {
            return this.http.client().send(streamRequest(client), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private HttpResponse<InputStream> expectStream(String client) {
        HttpResponse<InputStream> response = stream(client);
        assertThat(response.statusCode()).as("stream of " + client).isEqualTo(200);
        return response;
    }

    private int openStreams() {
        return (int) new GatewayHttp(this.managementPort)
                .get("/actuator/prometheus", null)
                .body()
                .lines()
                .filter(line -> line.startsWith("comments_gateway_streams_open"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow();
    }

    private void awaitOpenStreams(int expected) {
        await("open streams at the gateway = " + expected)
                .atMost(Duration.ofSeconds(10))
                .until(this::openStreams, n -> n == expected);
    }

    private static HttpResponse<String> asString(HttpResponse<InputStream> response) {
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return new StringResponse(response, body);
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ex) {
            // already gone
        }
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            seen.append((char) b);
        }
        return seen.toString();
    }

    /** A streamed response read to its end, for the problem assertions. */
    private record StringResponse(HttpResponse<InputStream> streamed, String body) implements HttpResponse<String> {

        @Override
        public int statusCode() {
            return this.streamed.statusCode();
        }

        @Override
        public HttpRequest request() {
            return this.streamed.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return this.streamed.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return this.streamed.sslSession();
        }

        @Override
        public java.net.URI uri() {
            return this.streamed.uri();
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return this.streamed.version();
        }
    }
}
