package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.comments.testsupport.MethodProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway on a real port in front of three real stub services, with a signing key read from a
 * PEM file and a configured moderator password.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
            "comments.gateway.rate-limit.sign-in.requests=1000"
        })
class GatewayIntegrationTest {

    static final String PASSWORD = "correct horse battery staple";

    static final KeyPair GATEWAY_KEY = TestKeys.newRsaKeyPair();

    static final StubServices STUBS = StubServices.start();

    static final StubDownstream ARTICLES = STUBS.articles();

    static final StubDownstream COMMENTS = STUBS.comments();

    static final StubDownstream MODERATION = STUBS.moderation();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        STUBS.routeTo(registry);
        registry.add("comments.auth.signing-key-location", () -> "file:" + TestKeys.writePkcs8Pem(GATEWAY_KEY));
        registry.add("comments.auth.moderator.username", () -> "mod");
        registry.add("comments.auth.moderator.password", () -> PASSWORD);
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
        ARTICLES.drain();
        COMMENTS.drain();
        MODERATION.drain();
    }

    String moderatorToken() {
        HttpResponse<String> response =
                this.http.post("/api/auth/token", "{\"username\":\"mod\",\"password\":\"" + PASSWORD + "\"}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return GatewayHttp.json(response).get("access_token").asString();
    }

    static String validToken(List<String> roles) {
        Instant now = Instant.now();
        return TestKeys.signed(GATEWAY_KEY, TestKeys.ISSUER, "someone", roles, now, now.plusSeconds(600));
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode body = GatewayHttp.json(response);
        assertThat(body.get("type").asString()).isEqualTo(type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
    }

    // --- tokens -------------------------------------------------------------------------------

    @Test
    void goodCredentialsGetASignedTokenThatVerifiesAgainstThePublishedJwks() throws Exception {
        HttpResponse<String> response =
                this.http.post("/api/auth/token", "{\"username\":\"mod\",\"password\":\"" + PASSWORD + "\"}", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode body = GatewayHttp.json(response);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);

        SignedJWT jwt = SignedJWT.parse(body.get("access_token").asString());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        String kid = jwt.getHeader().getKeyID();
        assertThat(kid).isNotBlank();

        HttpResponse<String> jwks = this.http.get("/.well-known/jwks.json", null);
        assertThat(jwks.statusCode()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(jwks.body());
        RSAKey published = (RSAKey) keys.getKeyByKeyId(kid);
        assertThat(published).isNotNull();
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.toRSAPublicKey().getModulus())
                .isEqualTo(((RSAPublicKey) GATEWAY_KEY.getPublic()).getModulus());
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("comment-moderation");
        assertThat(claims.getAudience()).containsExactly("comment-moderation-api");
        assertThat(claims.getSubject()).isEqualTo("mod");
        assertThat(claims.getStringListClaim("roles")).containsExactly("MODERATOR");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(3_600_000);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401Problem() {
        HttpResponse<String> wrongPassword =
                this.http.post("/api/auth/token", "{\"username\":\"mod\",\"password\":\"guess\"}", null);
        HttpResponse<String> unknownUser =
                this.http.post("/api/auth/token", "{\"username\":\"nobody\",\"password\":\"" + PASSWORD + "\"}", null);

        assertProblem(wrongPassword, 401, "/problems/invalid-credentials");
        assertProblem(unknownUser, 401, "/problems/invalid-credentials");
        assertThat(GatewayHttp.json(unknownUser).get("detail").asString())
                .isEqualTo(GatewayHttp.json(wrongPassword).get("detail").asString());
        assertThat(wrongPassword.body()).doesNotContain("access_token");
    }

    @Test
    void malformedOrIncompleteTokenRequestsGet400Problems() {
        assertProblem(
                this.http.post("/api/auth/token", "{\"username\":\"mod\",", null), 400, "/problems/invalid-request");
        assertProblem(
                this.http.post("/api/auth/token", "{\"username\":\"mod\"}", null), 400, "/problems/invalid-request");
        assertProblem(this.http.post("/api/auth/token", "", null), 400, "/problems/invalid-request");
    }

    @Test
    void aTokenRequestWithAKeyGivenTwiceGets400EvenIfTheLastValueIsRight() {
        HttpResponse<String> response = this.http.post(
                "/api/auth/token",
                "{\"username\":\"mod\",\"password\":\"wrong\",\"password\":\"" + PASSWORD + "\"}",
                null);

        assertProblem(response, 400, "/problems/invalid-request");
        assertThat(response.body()).doesNotContain("access_token");
    }

    // --- routing ------------------------------------------------------------------------------

    @Test
    void readerGetsAreForwardedToTheRightServiceWithPathAndQueryIntact() {
        assertThat(this.http.get("/api/articles?page=2&size=5", null).statusCode())
                .isEqualTo(200);
        assertThat(this.http.get("/api/articles/a-1", null).statusCode()).isEqualTo(200);
        HttpResponse<String> comments = this.http.get("/api/articles/a-1/comments?page=0&size=50", null);
        assertThat(this.http.get("/api/comments/c-9", null).statusCode()).isEqualTo(200);

        assertThat(GatewayHttp.json(comments).get("service").asString()).isEqualTo("comment-service");
        assertThat(ARTICLES.drain())
                .extracting(StubDownstream.Recorded::uri)
                .containsExactly("/api/articles?page=2&size=5", "/api/articles/a-1");
        assertThat(COMMENTS.drain())
                .extracting(StubDownstream.Recorded::uri)
                .containsExactly("/api/articles/a-1/comments?page=0&size=50", "/api/comments/c-9");
        assertThat(MODERATION.drain()).isEmpty();
    }

    @Test
    void readerPostsOfCommentsAndReportsGoToTheCommentServiceWithTheirBody() {
        HttpResponse<String> post =
                this.http.post("/api/articles/a-1/comments", "{\"author\":\"Ann\",\"text\":\"Hi\"}", null);
        HttpResponse<String> report = this.http.post("/api/comments/c-1/reports", "{\"reason\":\"spam\"}", null);

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(report.statusCode()).isEqualTo(200);
        List<StubDownstream.Recorded> seen = COMMENTS.drain();
        assertThat(seen).extracting(StubDownstream.Recorded::method).containsExactly("POST", "POST");
        assertThat(seen.get(0).body()).isEqualTo("{\"author\":\"Ann\",\"text\":\"Hi\"}");
        assertThat(seen.get(1).uri()).isEqualTo("/api/comments/c-1/reports");
        assertThat(ARTICLES.drain()).isEmpty();
    }

    @Test
    void moderatorCallsReachTheirServiceWithTheAuthorizationHeaderUnchanged() {
        String token = moderatorToken();

        assertThat(this.http
                        .post("/api/articles", "{\"title\":\"T\",\"body\":\"B\"}", token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(this.http.post("/api/articles/a-1/close", "{}", token).statusCode())
                .isEqualTo(200);
        assertThat(this.http.post("/api/articles/a-1/reopen", "{}", token).statusCode())
                .isEqualTo(200);
        assertThat(this.http.get("/api/moderation/queue?page=0&size=20", token).statusCode())
                .isEqualTo(200);
        assertThat(this.http.get("/api/comments/c-1/history", token).statusCode())
                .isEqualTo(200);
        assertThat(this.http
                        .post("/api/moderation/comments/c-1/decisions", "{\"decision\":\"APPROVE\"}", token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(this.http.get("/api/moderation/rules", token).statusCode()).isEqualTo(200);
        assertThat(this.http.get("/api/moderation/rules/versions/2", token).statusCode())
                .isEqualTo(200);

        List<StubDownstream.Recorded> articles = ARTICLES.drain();
        assertThat(articles)
                .extracting(StubDownstream.Recorded::uri)
                .containsExactly("/api/articles", "/api/articles/a-1/close", "/api/articles/a-1/reopen");
        assertThat(COMMENTS.drain())
                .extracting(StubDownstream.Recorded::uri)
                .containsExactly("/api/moderation/queue?page=0&size=20", "/api/comments/c-1/history");
        List<StubDownstream.Recorded> moderation = MODERATION.drain();
        assertThat(moderation)
                .extracting(StubDownstream.Recorded::uri)
                .containsExactly(
                        "/api/moderation/comments/c-1/decisions",
                        "/api/moderation/rules",
                        "/api/moderation/rules/versions/2");
        assertThat(articles.get(0).header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(moderation.get(0).header("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void serverSentEventsAreStreamedWithoutWaitingForTheStreamToEnd() throws Exception {
        COMMENTS.streamRelease = new java.util.concurrent.CountDownLatch(1);
        var request = this.http
                .request(StubDownstream.SSE_PATH, null)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<InputStream> response =
                this.http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            String firstData = readNextData(reader);
            // The stub still holds the stream open: the first event came through on its own.
            assertThat(COMMENTS.streamRelease.getCount()).isEqualTo(1);
            assertThat(firstData).isEqualTo("data:{\"id\":\"first\"}");
            COMMENTS.streamRelease.countDown();
            assertThat(readNextData(reader)).isEqualTo("data:{\"id\":\"second\"}");
        }
    }

    private static String readNextData(BufferedReader reader) throws java.io.IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("data:")) {
                return line.replace("data: ", "data:");
            }
        }
        return null;
    }

    @Test
    void aDownstreamProblemAnswerPassesThroughUnchangedAndIsNotRetried() {
        HttpResponse<String> response = this.http.get(StubDownstream.PROBLEM_PATH, null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo(
                        "{\"type\":\"/problems/downstream-own\",\"title\":\"Busy.\",\"status\":503,\"detail\":\"from comment-service\"}");
        assertThat(COMMENTS.drain()).hasSize(1);
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeGetsAGatewayTimeoutProblem() {
        HttpResponse<String> response = this.http.get(StubDownstream.SLOW_PATH, null);

        assertProblem(response, 504, "/problems/gateway-timeout");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    // --- security -----------------------------------------------------------------------------

    @Test
    void moderatorCallWithoutTokenIs401ProblemAndNeverForwarded() {
        HttpResponse<String> response = this.http.post("/api/articles", "{\"title\":\"T\",\"body\":\"B\"}", null);

        assertProblem(response, 401, "/problems/unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertProblem(this.http.get("/api/moderation/queue", null), 401, "/problems/unauthorized");
        assertProblem(this.http.get("/api/comments/c-1/history", null), 401, "/problems/unauthorized");
        assertThat(ARTICLES.drain()).isEmpty();
        assertThat(COMMENTS.drain()).isEmpty();
    }

    @Test
    void tokenWithoutTheModeratorRoleIs403ProblemAndNeverForwarded() {
        String readerToken = validToken(List.of("READER"));

        assertProblem(
                this.http.post("/api/articles", "{\"title\":\"T\",\"body\":\"B\"}", readerToken),
                403,
                "/problems/forbidden");
        assertProblem(this.http.post("/api/articles/a-1/close", "{}", readerToken), 403, "/problems/forbidden");
        assertProblem(this.http.get("/api/moderation/rules", readerToken), 403, "/problems/forbidden");
        assertThat(ARTICLES.drain()).isEmpty();
        assertThat(MODERATION.drain()).isEmpty();
    }

    @Test
    void expiredTamperedUnsignedForeignAndWrongIssuerTokensAre401() {
        Instant now = Instant.now();
        List<String> moderator = List.of("MODERATOR");
        String expired = TestKeys.signed(
                GATEWAY_KEY, TestKeys.ISSUER, "mod", moderator, now.minusSeconds(7200), now.minusSeconds(3600));
        String foreign =
                TestKeys.signed(TestKeys.newRsaKeyPair(), TestKeys.ISSUER, "mod", moderator, now, now.plusSeconds(600));
        String wrongIssuer = TestKeys.signed(GATEWAY_KEY, "someone-else", "mod", moderator, now, now.plusSeconds(600));
        String unsigned = TestKeys.unsigned("mod", moderator);
        String tampered = tamper(validToken(List.of("READER")));

        for (String token : List.of(expired, foreign, wrongIssuer, unsigned, tampered)) {
            HttpResponse<String> response = this.http.post("/api/articles/a-1/close", "{}", token);
            assertProblem(response, 401, "/problems/unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        }
        assertThat(ARTICLES.drain()).isEmpty();
    }

    @Test
    void tokensWithoutExpiryOrIssueTimeExpiredTenSecondsAgoForAnotherAudienceOrTooLongLivedAre401() {
        Instant now = Instant.now();
        List<String> moderator = List.of("MODERATOR");
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(
                "no exp",
                TestKeys.signed(
                        GATEWAY_KEY,
                        TestKeys.claims(TestKeys.ISSUER, "mod", moderator, now, now)
                                .expirationTime(null)
                                .build()));
        refused.put(
                "no iat",
                TestKeys.signed(
                        GATEWAY_KEY,
                        TestKeys.claims(TestKeys.ISSUER, "mod", moderator, now, now.plusSeconds(600))
                                .issueTime(null)
                                .build()));
        refused.put(
                "expired 10 s ago",
                TestKeys.signed(
                        GATEWAY_KEY, TestKeys.ISSUER, "mod", moderator, now.minusSeconds(600), now.minusSeconds(10)));
        refused.put(
                "no audience",
                TestKeys.signed(
                        GATEWAY_KEY,
                        TestKeys.claims(TestKeys.ISSUER, "mod", moderator, now, now.plusSeconds(600))
                                .audience((String) null)
                                .build()));
        refused.put(
                "another audience",
                TestKeys.signed(
                        GATEWAY_KEY,
                        TestKeys.claims(TestKeys.ISSUER, "mod", moderator, now, now.plusSeconds(600))
                                .audience("another-api")
                                .build()));
        refused.put(
                "valid for 1 h 1 min",
                TestKeys.signed(GATEWAY_KEY, TestKeys.ISSUER, "mod", moderator, now, now.plus(Duration.ofMinutes(61))));
        refused.put(
                "issued 1 min in the future",
                TestKeys.signed(
                        GATEWAY_KEY, TestKeys.ISSUER, "mod", moderator, now.plusSeconds(60), now.plusSeconds(600)));

        refused.forEach((what, token) -> {
            HttpResponse<String> response = this.http.get("/api/moderation/rules", token);
            assertThat(response.statusCode()).as(what).isEqualTo(401);
            assertProblem(response, 401, "/problems/unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(what)
                    .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        });
        assertThat(MODERATION.drain()).isEmpty();
        String fullHour =
                TestKeys.signed(GATEWAY_KEY, TestKeys.ISSUER, "mod", moderator, now, now.plus(Duration.ofHours(1)));
        assertThat(this.http.get("/api/moderation/rules", fullHour).statusCode())
                .isEqualTo(200);
        String issuedTenMinutesAgo = TestKeys.signed(
                GATEWAY_KEY, TestKeys.ISSUER, "mod", moderator, now.minusSeconds(600), now.plusSeconds(600));
        assertThat(this.http.get("/api/moderation/rules", issuedTenMinutesAgo).statusCode())
                .isEqualTo(200);
    }

    @Test
    void everyMethodOnAModeratorPathOrAnUnlistedApiPathNeedsAModeratorAndIsNeverForwarded() {
        URI gateway = URI.create("http://127.0.0.1:" + this.port);
        String reader = validToken(List.of("READER"));
        List<String> moderatorPaths = List.of(
                "/api/moderation/queue",
                "/api/moderation/rules",
                "/api/moderation/comments/c-1/decisions",
                "/api/comments/c-1/history",
                "/api/articles/a-1/close",
                "/api/articles/a-1/reopen",
                "/api/unlisted");
        for (String path : moderatorPaths) {
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(gateway, path, null)) {
                assertRefused(answer, 401, "/problems/unauthorized");
            }
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(gateway, path, reader)) {
                assertRefused(answer, 403, "/problems/forbidden");
            }
        }
        // Readers may GET and HEAD the article list; every other method there is a moderator's.
        for (String method : List.of("OPTIONS", "POST", "PUT", "PATCH", "DELETE")) {
            assertRefused(MethodProbe.call(gateway, method, "/api/articles", null), 401, "/problems/unauthorized");
        }
        assertThat(ARTICLES.drain()).isEmpty();
        assertThat(COMMENTS.drain()).isEmpty();
        assertThat(MODERATION.drain()).isEmpty();
        assertThat(MethodProbe.call(gateway, "HEAD", "/api/articles", null).status())
                .isEqualTo(200);
    }

    private static void assertRefused(MethodProbe.Answer answer, int status, String type) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
        if (!answer.method().equals("HEAD")) {
            assertThat(answer.body()).as("%s", answer).contains("\"type\":\"" + type + "\"");
        }
    }

    /** Swaps the payload for one claiming the MODERATOR role, keeping the original signature. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"READER\"", "\"MODERATOR\"");
        assertThat(payload).contains("MODERATOR");
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }

    @Test
    void securityHeadersAreOnProxiedAndOwnAnswers() {
        for (HttpResponse<String> response :
                List.of(this.http.get("/api/articles", null), this.http.get("/no/such/thing", null))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'self'; frame-ancestors 'none'");
        }
    }

    // --- errors and operations -----------------------------------------------------------------

    @Test
    void unknownPathsAndMethodsAreProblems() {
        // Under /api/ an unknown path is a moderator's (deny by default): 401 first, 404 with a token.
        assertProblem(this.http.get("/api/unknown", null), 401, "/problems/unauthorized");
        assertProblem(this.http.get("/api/unknown", moderatorToken()), 404, "/problems/not-found");
        assertProblem(this.http.get("/no/such/page", null), 404, "/problems/not-found");
        assertProblem(this.http.get("/gateway-fallback/article-service", null), 404, "/problems/not-found");
        assertProblem(this.http.get("/actuator/env", null), 404, "/problems/not-found");
        HttpResponse<String> wrongMethod = this.http.get("/api/auth/token", null);
        assertProblem(wrongMethod, 405, "/problems/method-not-allowed");
    }

    @Test
    void onlyTheHealthProbesAreOnThePublicPortAndTheMetricsOnTheManagementPort() {
        for (String path : List.of(
                "/actuator",
                "/actuator/prometheus",
                "/actuator/env",
                "/actuator/health",
                "/actuator/health/readiness",
                "/actuator/info",
                "/actuator/heapdump",
                "/actuator/metrics")) {
            assertProblem(this.http.get(path, null), 404, "/problems/not-found");
        }
        HttpResponse<String> liveness = this.http.get("/livez", null);
        HttpResponse<String> readiness = this.http.get("/readyz", null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(GatewayHttp.json(liveness).get("status").asString()).isEqualTo("UP");
        assertThat(readiness.statusCode()).isEqualTo(200);

        GatewayHttp management = new GatewayHttp(this.managementPort);
        assertThat(this.managementPort).isNotEqualTo(this.port);
        HttpResponse<String> prometheus = management.get("/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(management.get("/actuator/health/readiness", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void answersAreCountedByStatusAndTheGatewaysOwnProblemsByTypeWithoutPerRequestTimers() {
        GatewayHttp management = new GatewayHttp(this.managementPort);
        String before = management.get("/actuator/prometheus", null).body();

        assertThat(this.http.get("/api/articles", null).statusCode()).isEqualTo(200);
        assertProblem(this.http.get("/api/moderation/rules", null), 401, "/problems/unauthorized");

        String after = management.get("/actuator/prometheus", null).body();
        String ok = "comments_gateway_responses_total\\{[^}]*status=\"200\"[^}]*\\}";
        String unauthorized = "comments_gateway_problems_total\\{[^}]*status=\"401\",type=\"unauthorized\"[^}]*\\}";
        assertThat(sample(after, ok) - sample(before, ok)).isGreaterThanOrEqualTo(1);
        assertThat(sample(after, unauthorized) - sample(before, unauthorized)).isEqualTo(1);
        assertThat(after).contains("comments_gateway_responses_total{application=\"gateway\",status=\"401\"}");
        // Per-request timers cost more than the proxying: the services time their own requests. (The
        // management port, a server of its own, still times its few scrapes and probes.)
        assertThat(after)
                .doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\"")
                .doesNotContain("spring_security_filterchains", "spring_cloud_gateway_requests");
    }

    /** The value of the Prometheus sample whose name and labels match, 0 when there is none yet. */
    static double sample(String scrape, String nameAndLabels) {
        Matcher matcher = Pattern.compile("(?m)^" + nameAndLabels + " (\\S+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** Points every downstream route at a port nobody listens on: every service is down. */
    static void routeEveryServiceToAClosedPort(DynamicPropertyRegistry registry) {
        String down = "http://127.0.0.1:" + closedPort();
        registry.add("comments.gateway.article-service-uri", () -> down);
        registry.add("comments.gateway.comment-service-uri", () -> down);
        registry.add("comments.gateway.moderation-service-uri", () -> down);
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
