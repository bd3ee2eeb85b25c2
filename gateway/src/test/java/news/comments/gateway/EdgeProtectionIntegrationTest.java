package news.comments.gateway;

import static news.comments.gateway.GatewayIntegrationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The edge protections against real stub services: circuit breaker short-circuit and recovery,
 * the per-route bulkhead, per-client rate limits with trusted-proxy handling, the body size limit
 * and the path firewall. The test client connects from 127.0.0.1, configured here as a trusted
 * proxy, so X-Forwarded-For picks the client.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
            "resilience4j.circuitbreaker.instances.comment-service.sliding-window-size=4",
            "resilience4j.circuitbreaker.instances.comment-service.minimum-number-of-calls=4",
            "resilience4j.circuitbreaker.instances.comment-service.wait-duration-in-open-state=4s",
            "resilience4j.circuitbreaker.instances.comment-service.permitted-number-of-calls-in-half-open-state=2",
            "resilience4j.bulkhead.instances.article-service.max-concurrent-calls=2",
            "comments.gateway.trusted-proxies=127.0.0.1,::1",
            "comments.gateway.rate-limit.comments.requests=3",
            "comments.gateway.rate-limit.comments.period=1m",
            "comments.gateway.rate-limit.sign-in.requests=2",
            "comments.gateway.rate-limit.sign-in.period=1m",
            "comments.auth.moderator.username=mod",
            "comments.auth.moderator.password=" + GatewayIntegrationTest.PASSWORD
        })
class EdgeProtectionIntegrationTest {

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

    @LocalManagementPort
    int managementPort;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        this.http = new GatewayHttp(this.port);
        COMMENTS.hung = false;
        ARTICLES.drain();
        COMMENTS.drain();
    }

    static final String STATUS_429 = "comments_gateway_responses_total\\{[^}]*status=\"429\"[^}]*\\}";

    static final String STATUS_503 = "comments_gateway_responses_total\\{[^}]*status=\"503\"[^}]*\\}";

    static final String RATE_LIMITED =
            "comments_gateway_problems_total\\{[^}]*status=\"429\",type=\"too-many-requests\"[^}]*\\}";

    static final String UNAVAILABLE =
            "comments_gateway_problems_total\\{[^}]*status=\"503\",type=\"service-unavailable\"[^}]*\\}";

    static final String BUSY = "comments_gateway_problems_total\\{[^}]*status=\"503\",type=\"service-busy\"[^}]*\\}";

    private String scrape() {
        return new GatewayHttp(this.managementPort)
                .get("/actuator/prometheus", null)
                .body();
    }

    private static double increase(String before, String after, String sample) {
        return GatewayIntegrationTest.sample(after, sample) - GatewayIntegrationTest.sample(before, sample);
    }

    // --- circuit breaker and bulkhead ------------------------------------------------------------

    @Test
    void anOpenBreakerAnswers503WithoutCallingTheHungServiceAndClosesAgainWhenItRecovers() {
        String before = scrape();
        COMMENTS.hung = true;
        await("the comment-service breaker to open")
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    HttpResponse<String> response = this.http.get("/api/comments/c-1", null);
                    return response.statusCode() == 503;
                });
        COMMENTS.drain();

        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = this.http.get("/api/comments/c-" + i, null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertProblem(response, 503, "/problems/service-unavailable");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            // The hung service takes 3 s; a short-circuited answer does not wait for it (generous bound).
            assertThat(took).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(COMMENTS.drain())
                .as("calls that reached the hung service while the breaker was open")
                .isEmpty();
        // What ops alert on: the breaker's state, and the 503s counted at the edge by status and by reason.
        String open = scrape();
        assertThat(open)
                .containsPattern(
                        "resilience4j_circuitbreaker_state\\{[^}]*name=\"comment-service\"[^}]*state=\"open\"[^}]*\\} 1\\.0");
        assertThat(increase(before, open, UNAVAILABLE)).isGreaterThanOrEqualTo(10);
        assertThat(increase(before, open, STATUS_503)).isGreaterThanOrEqualTo(10);

        COMMENTS.hung = false;
        await("the breaker to let calls through again (half-open, then closed)")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> this.http.get("/api/comments/c-9", null).statusCode() == 200);
        // Half-open lets a few trial calls through; once they succeed the breaker closes.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(this.http.get("/api/comments/c-9", null).statusCode()).isEqualTo(200);
            assertThat(new GatewayHttp(this.managementPort)
                            .get("/actuator/prometheus", null)
                            .body())
                    .containsPattern(
                            "resilience4j_circuitbreaker_state\\{[^}]*name=\"comment-service\"[^}]*state=\"closed\"[^}]*\\} 1\\.0");
        });
        assertThat(this.http.get("/api/articles/a-1/comments", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void callsBeyondARoutesConcurrencyLimitAreShedAt503ServiceBusyWhileTheOthersProceed() {
        String before = scrape();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(this.http
                    .client()
                    .sendAsync(
                            this.http
                                    .request(StubDownstream.ARTICLE_SLOW_PATH, null)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses =
                calls.stream().map(CompletableFuture::join).toList();

        List<HttpResponse<String>> shed =
                responses.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(ARTICLES.drain()).as("calls that reached article-service").hasSize(2);
        assertThat(shed).hasSize(4);
        assertThat(increase(before, scrape(), BUSY)).isEqualTo(4);
        for (HttpResponse<String> response : shed) {
            assertProblem(response, 503, "/problems/service-busy");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        }
        // The slots are given back: the service is reachable again at once.
        assertThat(this.http.get("/api/articles/a-1", null).statusCode()).isEqualTo(200);
    }

    // --- rate limits ------------------------------------------------------------------------------

    @Test
    void commentPostsOverTheLimitGet429ProblemWithRetryAfterPerClient() {
        String before = scrape();
        String client = "198.51.100.1";
        for (int i = 0; i < 3; i++) {
            assertThat(postComment(client, "{\"author\":\"A\",\"text\":\"t\"}").statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = postComment(client, "{\"author\":\"A\",\"text\":\"t\"}");

        assertProblem(limited, 429, "/problems/too-many-requests");
        long retryAfter =
                Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(COMMENTS.drain()).hasSize(3);
        // The limiter answers before any request observation would: the 429 is counted at the connection
        // (by status) and by the problem writer (by reason).
        String after = scrape();
        assertThat(increase(before, after, RATE_LIMITED)).isEqualTo(1);
        assertThat(increase(before, after, STATUS_429)).isEqualTo(1);
        // Another client has its own allowance; reads are never limited.
        assertThat(postComment("198.51.100.2", "{\"author\":\"B\",\"text\":\"t\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(this.http.get("/api/articles/a-1/comments", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anEntryForgedLeftOfTheTrustedProxysOwnDoesNotEscapeTheLimit() {
        String client = "198.51.100.7";
        for (int i = 0; i < 3; i++) {
            assertThat(postComment(client, "{\"author\":\"A\",\"text\":\"t\"}").statusCode())
                    .isEqualTo(200);
        }
        // The client prepends a made-up address; the proxy (127.0.0.1) appended the real one last.
        HttpResponse<String> forged =
                postComment("203.0.113." + 9 + ", " + client, "{\"author\":\"A\",\"text\":\"t\"}");

        assertProblem(forged, 429, "/problems/too-many-requests");
    }

    @Test
    void signInAttemptsOverTheLimitGet429EvenWithTheRightPassword() {
        String client = "198.51.100.3";
        for (int i = 0; i < 2; i++) {
            assertProblem(signIn(client, "guess-" + i), 401, "/problems/invalid-credentials");
        }
        HttpResponse<String> limited = signIn(client, GatewayIntegrationTest.PASSWORD);

        assertProblem(limited, 429, "/problems/too-many-requests");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).doesNotContain("access_token");
        assertThat(signIn("198.51.100.4", GatewayIntegrationTest.PASSWORD).statusCode())
                .isEqualTo(200);
    }

    // --- body size and firewall ---------------------------------------------------------------------

    @Test
    void bodiesOverTheLimitGet413ProblemWhetherDeclaredOrChunkedAndNeverReachTheService() {
        String big = "{\"author\":\"A\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> declared = postComment("198.51.100.10", big);
        HttpResponse<String> chunked = this.http.send(this.http
                .request("/api/articles/a-1/comments", null)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.11")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());

        assertProblem(declared, 413, "/problems/payload-too-large");
        assertProblem(chunked, 413, "/problems/payload-too-large");
        assertThat(declared.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(COMMENTS.drain()).isEmpty();
    }

    @Test
    void aSmallChunkedBodyIsPassedOnIntact() {
        String body = "{\"author\":\"A\",\"text\":\"chunked\"}";
        HttpResponse<String> response = this.http.send(this.http
                .request("/api/articles/a-1/comments", null)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.12")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(COMMENTS.drain())
                .singleElement()
                .extracting(StubDownstream.Recorded::body)
                .isEqualTo(body);
    }

    @Test
    void pathTraversalAndEncodedSeparatorsAreRefusedWith400ProblemAtTheGateway() {
        for (String path : List.of(
                "/api/articles/%2e%2e/%2e%2e/etc/passwd",
                "/api/articles/a%2Fb/comments",
                "/api/articles/a;jsessionid=1",
                "/api/articles/..%5C..%5Cwindows",
                "/api/articles/%00",
                "/api/articles/%2500/comments",
                "/api/articles/%25/comments")) {
            HttpResponse<String> response = this.http.get(path, null);
            assertProblem(response, 400, "/problems/invalid-request");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        }
        assertThat(ARTICLES.drain()).isEmpty();
    }

    private HttpResponse<String> postComment(String forwardedFor, String json) {
        return this.http.send(this.http
                .request("/api/articles/a-1/comments", null)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private HttpResponse<String> signIn(String forwardedFor, String password) {
        return this.http.send(this.http
                .request("/api/auth/token", null)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"mod\",\"password\":\"" + password + "\"}"))
                .build());
    }
}
