package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway is a hop of the client's trace: the service receives a {@code traceparent} with the client's
 * trace id and the gateway's own span as parent; a request without one starts a trace there. The gateway's
 * log lines about a request carry its trace id.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.tracing.sampling.probability=1.0")
class TraceForwardingTest {

    static final StubServices STUBS = StubServices.start();

    static final StubDownstream COMMENTS = STUBS.comments();

    /** Nothing listens here: article-service is down, and its route falls back to a 503. */
    static final int CLOSED_PORT = GatewayIntegrationTest.closedPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("comments.gateway.article-service-uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("comments.gateway.comment-service-uri", COMMENTS::uri);
        registry.add("comments.gateway.moderation-service-uri", STUBS.moderation()::uri);
    }

    @AfterAll
    static void stopStubs() {
        STUBS.close();
    }

    @LocalServerPort
    int port;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        this.http = new GatewayHttp(this.port);
        COMMENTS.drain();
    }

    @Test
    void theServiceContinuesTheClientsTraceUnderTheGatewaysSpan() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String clientSpanId = "00f067aa0ba902b7";

        this.http.send(this.http
                .request("/api/comments/c1", null)
                .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                .GET()
                .build());

        List<String> received = COMMENTS.drain().get(0).headers().get("traceparent");
        assertThat(received).hasSize(1);
        String[] parts = received.get(0).split("-");
        assertThat(parts[1]).as("trace id").isEqualTo(traceId);
        assertThat(parts[2]).as("the gateway's span").hasSize(16).isNotEqualTo(clientSpanId);
        assertThat(parts[3]).as("sampled, as the client decided").isEqualTo("01");
    }

    @Test
    void aRequestWithoutATraceStartsOneAtTheGateway() {
        this.http.send(this.http.request("/api/comments/c2", null).GET().build());

        List<String> received = COMMENTS.drain().get(0).headers().get("traceparent");
        assertThat(received).singleElement().satisfies(t -> assertThat(t).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    @Test
    void theFallbacksLogLineCarriesTheRequestsTraceId(CapturedOutput output) {
        String traceId = "0af7651916cd43dd8448eb211c80319c";

        var reply = this.http.send(this.http
                .request("/api/articles/a1", null)
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .GET()
                .build());

        assertThat(reply.statusCode()).isEqualTo(503);
        assertThat(output.getOut().lines().filter(line -> line.contains("article-service is unavailable")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains(traceId));
    }
}
