package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway is a hop of the client's trace: the service receives a {@code traceparent} with the client's
 * trace id and the gateway's own span as parent; a request without one starts a trace there.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.tracing.sampling.probability=1.0")
class TraceForwardingTest {

    static final StubServices STUBS = StubServices.start();

    static final StubDownstream COMMENTS = STUBS.comments();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        STUBS.routeTo(registry);
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
}
