package news.comments.gateway;

import static news.comments.gateway.GatewayIntegrationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every service behind the gateway is down (their ports refuse connections). The gateway runs with
 * an ephemeral signing key and a moderator configured by BCrypt hash only.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "comments.gateway.rate-limit.sign-in.requests=1000")
class DownstreamUnavailableTest {

    static final String PASSWORD = "only-the-hash-is-configured";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayIntegrationTest.routeEveryServiceToAClosedPort(registry);
        registry.add("comments.auth.moderator.password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        this.http = new GatewayHttp(this.port);
    }

    @Test
    void readsAndWritesToADownServiceGet503ProblemWithRetryAfter() {
        for (HttpResponse<String> response : java.util.List.of(
                this.http.get("/api/articles?page=0", null),
                this.http.get("/api/articles/a-1/comments", null),
                this.http.post("/api/articles/a-1/comments", "{\"author\":\"A\",\"text\":\"t\"}", null))) {
            assertProblem(response, 503, "/problems/service-unavailable");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(GatewayHttp.json(response).get("instance").asString()).startsWith("/api/articles");
        }
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndTheAnswerStays503Problem() {
        for (int i = 0; i < 15; i++) {
            assertProblem(this.http.get("/api/comments/c-" + i, null), 503, "/problems/service-unavailable");
        }

        String metrics = new GatewayHttp(this.managementPort)
                .get("/actuator/prometheus", null)
                .body();
        assertThat(metrics)
                .containsPattern(
                        "resilience4j_circuitbreaker_state\\{[^}]*name=\"comment-service\"[^}]*state=\"open\"[^}]*\\} 1\\.0");
    }

    @Test
    void moderatorConfiguredByHashSignsInWithAnEphemeralKeyAndReaches503() {
        HttpResponse<String> token = this.http.post(
                "/api/auth/token", "{\"username\":\"moderator\",\"password\":\"" + PASSWORD + "\"}", null);
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = GatewayHttp.json(token).get("access_token").asString();

        assertProblem(this.http.get("/api/moderation/rules", accessToken), 503, "/problems/service-unavailable");
    }
}
