package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The services learn the client's address from X-Comments-Client, which only the gateway writes:
 * whatever a client sends under that name is replaced. The test client connects from 127.0.0.1,
 * configured as a trusted proxy, so X-Forwarded-For can name the client.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "comments.gateway.trusted-proxies=127.0.0.1,::1")
class ClientAddressHeaderTest {

    static final String HEADER = "X-Comments-Client";

    static final StubServices STUBS = StubServices.start();

    static final StubDownstream ARTICLES = STUBS.articles();

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
        ARTICLES.drain();
    }

    @Test
    void aClientSuppliedClientHeaderIsReplacedByTheAddressTheGatewayResolved() {
        HttpResponse<String> response = this.http.send(this.http
                .request("/api/comments/c1/reports", null)
                .header("Content-Type", "application/json")
                .header(HEADER, "203.0.113.66")
                .header("x-comments-client", "203.0.113.67")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"spam\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(COMMENTS.drain())
                .singleElement()
                .satisfies(
                        (recorded) -> assertThat(recorded.headers().get(HEADER)).containsExactly("127.0.0.1"));
    }

    @Test
    void theClientBehindATrustedProxyIsForwardedOnEveryRoute() {
        this.http.send(this.http
                .request("/api/comments/c2", null)
                .header("X-Forwarded-For", "198.51.100.23")
                .header(HEADER, "203.0.113.66")
                .GET()
                .build());
        this.http.send(this.http
                .request("/api/articles", null)
                .header("X-Forwarded-For", "198.51.100.24")
                .GET()
                .build());

        assertThat(COMMENTS.drain())
                .singleElement()
                .satisfies(
                        (recorded) -> assertThat(recorded.headers().get(HEADER)).isEqualTo(List.of("198.51.100.23")));
        assertThat(ARTICLES.drain())
                .singleElement()
                .satisfies(
                        (recorded) -> assertThat(recorded.headers().get(HEADER)).isEqualTo(List.of("198.51.100.24")));
    }
}
