package news.comments.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import news.comments.gateway.config.StrictJsonConfiguration;
import news.comments.gateway.problem.ProblemWriter;
import news.comments.gateway.routing.RequestSpans;
import news.comments.gateway.security.ProblemSecurityHandlers;
import news.comments.gateway.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code POST /api/auth/token} in a WebFlux slice: the controller with the gateway's real security chain,
 * problem+json error handling, strict JSON, moderator account and token issuer (no routes, no edge filters, no
 * server). The sign-in rate limit is an edge filter and is covered by the gateway's integration tests.
 */
@WebFluxTest(controllers = TokenController.class)
@Import({
    AuthConfiguration.class,
    SecurityConfiguration.class,
    ProblemSecurityHandlers.class,
    ProblemWriter.class,
    RequestSpans.class,
    StrictJsonConfiguration.class,
    TokenControllerWebTest.SliceSupport.class
})
class TokenControllerWebTest {

    private static final String PASSWORD = "correct horse battery staple";

    @DynamicPropertySource
    static void moderator(DynamicPropertyRegistry registry) {
        // cost 4: a real BCrypt check, quick enough for a slice
        registry.add("comments.auth.moderator.password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
    }

    /** What the application's configuration-properties scan and the metrics auto-configuration would add. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    static class SliceSupport {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    WebTestClient http;

    @Autowired
    ReactiveJwtDecoder gatewayDecoder;

    @MockitoSpyBean
    TokenIssuer issuer;

    @Test
    void theModeratorSignsInAndGetsABearerTokenThatIsNeverCached() {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = signIn(Map.of("username", "moderator", "password", PASSWORD))
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader()
                .cacheControl(CacheControl.noStore())
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(answer).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);
        Jwt token = gatewayDecoder.decode((String) answer.get("access_token")).block();
        assertThat(token.getSubject()).isEqualTo("moderator");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("MODERATOR");
        assertThat(token.getAudience()).containsExactly("comment-moderation-api");
        assertThat(token.getClaimAsString("iss")).isEqualTo("comment-moderation");
    }

    @Test
    void aWrongPasswordIsA401ProblemWithABearerChallengeAndNoToken() {
        signIn(Map.of("username", "moderator", "password", "guess"))
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/invalid-credentials")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.access_token")
                .doesNotExist();

        verify(issuer, never()).issue(anyString(), any());
    }

    @Test
    void anUnknownUserGetsTheSameAnswerAsAWrongPassword() {
        byte[] wrongPassword = signIn(Map.of("username", "moderator", "password", "guess"))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .returnResult()
                .getResponseBody();
        byte[] unknownUser = signIn(Map.of("username", "admin", "password", PASSWORD))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(unknownUser).isEqualTo(wrongPassword);
        verify(issuer, never()).issue(anyString(), any());
    }

    @Test
    void aSignInWithoutAPasswordIsA400ProblemNamingTheField() {
        signIn(Map.of("username", "moderator", "password", " "))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/invalid-request")
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("password"));

        verify(issuer, never()).issue(anyString(), any());
    }

    @Test
    void aUserNameOver200CharactersIsA400ProblemNamingTheField() {
        signIn(Map.of("username", "m".repeat(201), "password", PASSWORD))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/invalid-request")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("username"));
    }

    @Test
    void aBodyThatIsNotJsonIsA400Problem() {
        signIn("{\"username\": \"moderator\", ")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/invalid-request");
    }

    @Test
    void aFieldGivenTwiceIsA400Problem() {
        signIn("{\"username\":\"someone\",\"username\":\"moderator\",\"password\":\"" + PASSWORD + "\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/invalid-request");

        verify(issuer, never()).issue(anyString(), any());
    }

    @Test
    void aSignInSentAsAFormIsA415Problem() {
        http.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=moderator&password=x")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/unsupported-media-type")
                .jsonPath("$.status")
                .isEqualTo(415);
    }

    @Test
    void onlyPostSignsIn() {
        http.get()
                .uri("/api/auth/token")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/method-not-allowed")
                .jsonPath("$.status")
                .isEqualTo(405);
    }

    private WebTestClient.ResponseSpec signIn(Object body) {
        return http.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
