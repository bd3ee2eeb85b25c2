package news.comments.moderationservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import news.comments.events.Event;
import news.comments.events.EventDeserializer;
import news.comments.events.EventSerializer;
import news.comments.events.Topics;
import news.comments.testsupport.MethodProbe;
import news.comments.testsupport.TestTokenIssuer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moderator workflows against a real broker with two moderation-service instances (this test's context and a
 * second Spring application on the same broker): the rule set is validated, versioned with optimistic
 * concurrency (of two concurrent changes on one version exactly one wins) and applied by both instances, and
 * every version survives a restart; a moderator's decision is published with their identity.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "moderation.rules.version=1"})
@DirtiesContext
@EmbeddedKafka(
        partitions = 6,
        brokerProperties = {
            "auto.create.topics.enable=false",
            "group.initial.rebalance.delay.ms=0",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "offsets.topic.replication.factor=1"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModerationWorkflowIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();
    private static Path stateDir;
    private static ConfigurableApplicationContext second;

    @Autowired
    EmbeddedKafkaBroker broker;

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void createStateDir() throws IOException {
        Path parent = Files.createDirectories(Path.of("target", "streams-it"));
        stateDir = Files.createTempDirectory(parent, "state").toAbsolutePath();
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("comments.security.jwk-set-uri", () -> TOKENS.jwkSetUri());
        registry.add(
                "spring.kafka.streams.state-dir", () -> stateDir.resolve("a").toString());
    }

    @Test
    @Order(1)
    void aRuleChangeIsValidatedVersionedAndAppliedByBothInstancesAndModeratorsDecideByHand() throws Exception {
        int secondPort = startSecondInstance();
        JsonNode initial = json(call("GET", port, "/api/moderation/rules", null, TOKENS.moderatorToken()), 200);
        assertThat(initial.get("version").asLong()).isEqualTo(1);
        assertThat(initial.get("maxLinks").asInt()).isEqualTo(2);
        assertThat(initial.get("reportThreshold").asInt()).isEqualTo(3);
        assertThat(initial.get("updatedBy").asString()).isEqualTo("configuration");

        // Bad rule sets: 400 problem, nothing changes.
        Map<String, Object> valid = editable(initial);
        assertBadRuleSet(with(valid, "maxLinks", -1));
        assertBadRuleSet(with(valid, "bannedWords", List.of("ok", "  ")));
        assertBadRuleSet(with(valid, "maxLength", 1_000_000_000));
        assertBadRuleSet(with(valid, "floodWindowSeconds", 0));
        assertBadRuleSet(with(valid, "maxLinks", "many"));
        Map<String, Object> missing = new LinkedHashMap<>(valid);
        missing.remove("suspectWords");
        assertBadRuleSet(missing);
        Map<String, Object> noVersion = new LinkedHashMap<>(valid);
        noVersion.remove("version");
        assertBadRuleSet(noVersion);
        assertThat(json(call("GET", port, "/api/moderation/rules", null, TOKENS.moderatorToken()), 200)
                        .get("version")
                        .asLong())
                .isEqualTo(1);

        // Only moderators.
        assertThat(call("PUT", port, "/api/moderation/rules", valid, null).statusCode())
                .isEqualTo(401);
        assertThat(call("PUT", port, "/api/moderation/rules", valid, TOKENS.token("reader", List.of()))
                        .statusCode())
                .isEqualTo(403);

        // A good change, based on version 1.
        HttpResponse<String> put = call(
                "PUT",
                port,
                "/api/moderation/rules",
                with(valid, "bannedWords", List.of("zebra", "c++")),
                TOKENS.moderatorToken());
        JsonNode published = json(put, 200);
        assertThat(published.get("version").asLong()).isEqualTo(2);
        assertThat(published.get("updatedBy").asString()).isEqualTo("test-moderator");
        assertThat(put.headers().firstValue("ETag")).hasValue("\"2\"");

        // Another change still based on version 1 is stale.
        HttpResponse<String> stale =
                call("PUT", port, "/api/moderation/rules", with(valid, "maxLinks", 5), TOKENS.moderatorToken());
        assertProblem(stale, 409);
        assertThat(JSON.readTree(stale.body()).get("currentVersion").asLong()).isEqualTo(2);

        // The other instance applies it too (it reads the rules topic on its own).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode there = json(call("GET", secondPort, "/api/moderation/rules", null, TOKENS.moderatorToken()), 200);
            assertThat(there.get("version").asLong()).isEqualTo(2);
            assertThat(there.get("bannedWords")
                            .valueStream()
                            .map(JsonNode::asString)
                            .toList())
                    .containsExactly("zebra", "c++");
        });

        // The new banned word takes effect, and the decision names version 2.
        UUID articleId = UUID.randomUUID();
        Instant now = Instant.now();
        CommentSubmitted zebra = new CommentSubmitted(UUID.randomUUID(), articleId, null, "reader", "A Z3BRA!", now);
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new EventSerializer<>())) {
            send(
                    producer,
                    Topics.ARTICLE_STATE.name(),
                    new ArticleState(articleId, "Zoo", true, null, null, 1, now.minusSeconds(60)));
            send(producer, Topics.COMMENT_SUBMITTED.name(), zebra);
        }
        try (KafkaConsumer<String, CommentModerated> decisions = decisionsConsumer()) {
            CommentModerated automatic = awaitDecision(decisions, zebra.commentId(), CommentModerated.RULES);
            assertThat(automatic.decision()).isEqualTo(Decision.REJECTED);
            assertThat(automatic.reasons()).extracting("code").containsExactly("BANNED_WORD");
            assertThat(automatic.rulesVersion()).isEqualTo(2);

            // A moderator overrules it, through either instance.
            String path = "/api/moderation/comments/" + zebra.commentId() + "/decisions";
            Map<String, Object> approve =
                    Map.of("articleId", articleId, "decision", "APPROVE", "note", "Zebras are fine here.");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(call("POST", secondPort, path, approve, TOKENS.moderatorToken())
                                    .statusCode())
                            .isEqualTo(202));
            CommentModerated manual = awaitDecision(decisions, zebra.commentId(), "test-moderator");
            assertThat(manual.decision()).isEqualTo(Decision.APPROVED);
            assertThat(manual.note()).isEqualTo("Zebras are fine here.");
            assertThat(manual.rulesVersion()).isEqualTo(2);
            assertThat(manual.articleId()).isEqualTo(articleId);
            assertThat(manual.decisionId()).isNotEqualTo(automatic.decisionId());
            assertThat(manual.decidedAt()).isAfter(automatic.decidedAt());

            assertProblem(
                    call(
                            "POST",
                            port,
                            path,
                            Map.of("articleId", articleId, "decision", "NUKE"),
                            TOKENS.moderatorToken()),
                    400);
            assertProblem(
                    call(
                            "POST",
                            port,
                            path,
                            Map.of("articleId", articleId, "note", "no decision"),
                            TOKENS.moderatorToken()),
                    400);
            assertProblem(call("POST", port, path, Map.of("decision", "REMOVE"), TOKENS.moderatorToken()), 400);
            assertProblem(
                    call(
                            "POST",
                            port,
                            "/api/moderation/comments/not-a-uuid/decisions",
                            Map.of("articleId", articleId, "decision", "REMOVE"),
                            TOKENS.moderatorToken()),
                    400);
            assertProblem(call("POST", port, path, Map.of("decision", "REMOVE"), null), 401);
            assertProblem(
                    call("POST", port, path, Map.of("decision", "REMOVE"), TOKENS.token("reader", List.of())), 403);
        }
    }

    @Test
    @Order(2)
    void ofTwoConcurrentChangesOnTheSameVersionExactlyOneWinsAndEveryVersionSurvivesARestart() throws Exception {
        int secondPort = second != null ? secondPort() : startSecondInstance();
        JsonNode current = json(call("GET", port, "/api/moderation/rules", null, TOKENS.moderatorToken()), 200);
        long base = current.get("version").asLong();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(json(
                                        call("GET", secondPort, "/api/moderation/rules", null, TOKENS.moderatorToken()),
                                        200)
                                .get("version")
                                .asLong())
                        .isEqualTo(base));

        // Both based on the same version, one through each instance, at the same time.
        Map<String, Object> change = editable(current);
        ExecutorService twoAtOnce = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> viaFirst = twoAtOnce.submit(() ->
                    call("PUT", port, "/api/moderation/rules", with(change, "maxLinks", 7), TOKENS.moderatorToken()));
            Future<HttpResponse<String>> viaSecond = twoAtOnce.submit(() -> call(
                    "PUT", secondPort, "/api/moderation/rules", with(change, "maxLinks", 8), TOKENS.moderatorToken()));
            List<HttpResponse<String>> answers = List.of(viaFirst.get(), viaSecond.get());
            assertThat(answers)
                    .extracting(HttpResponse::statusCode)
                    .as("%s", answers.stream().map(HttpResponse::body).toList())
                    .containsExactlyInAnyOrder(200, 409);
            HttpResponse<String> winner = answers.stream()
                    .filter(a -> a.statusCode() == 200)
                    .findFirst()
                    .orElseThrow();
            HttpResponse<String> loser = answers.stream()
                    .filter(a -> a.statusCode() == 409)
                    .findFirst()
                    .orElseThrow();
            assertThat(json(winner, 200).get("version").asLong()).isEqualTo(base + 1);
            assertProblem(loser, 409);
        } finally {
            twoAtOnce.shutdownNow();
        }
        int winningMaxLinks = json(
                        call(
                                "GET",
                                port,
                                "/api/moderation/rules/versions/" + (base + 1),
                                null,
                                TOKENS.moderatorToken()),
                        200)
                .get("maxLinks")
                .asInt();
        assertThat(winningMaxLinks).isIn(7, 8);

        // The second instance restarts, once on its own state and once on none: both times it holds every version.
        for (String stateFolder : List.of("b", "b-fresh")) {
            second.close();
            int restarted = startSecondInstance(stateFolder);
            JsonNode listed =
                    json(call("GET", restarted, "/api/moderation/rules/versions", null, TOKENS.moderatorToken()), 200);
            assertThat(listed.get("versions")
                            .valueStream()
                            .map(v -> v.get("version").asLong())
                            .toList())
                    .as(stateFolder)
                    .startsWith(base + 1, base)
                    .endsWith(1L);
            assertThat(listed.get("versions").get(0).get("publishedBy").asString())
                    .isEqualTo("test-moderator");
            JsonNode winning = json(
                    call(
                            "GET",
                            restarted,
                            "/api/moderation/rules/versions/" + (base + 1),
                            null,
                            TOKENS.moderatorToken()),
                    200);
            assertThat(winning.get("maxLinks").asInt()).isEqualTo(winningMaxLinks);
            JsonNode inForce =
                    json(call("GET", restarted, "/api/moderation/rules", null, TOKENS.moderatorToken()), 200);
            assertThat(inForce.get("version").asLong()).as(stateFolder).isEqualTo(base + 1);
            if (base > 1) {
                assertThat(json(
                                        call(
                                                "GET",
                                                restarted,
                                                "/api/moderation/rules/versions/" + base,
                                                null,
                                                TOKENS.moderatorToken()),
                                        200)
                                .get("version")
                                .asLong())
                        .isEqualTo(base);
            }
        }
    }

    private int secondPort() {
        return Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    private int startSecondInstance() {
        return startSecondInstance("b");
    }

    private int startSecondInstance(String stateFolder) {
        second = new SpringApplicationBuilder(ModerationServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--comments.security.jwk-set-uri=" + TOKENS.jwkSetUri(),
                        "--spring.kafka.streams.state-dir=" + stateDir.resolve(stateFolder),
                        "--moderation.rules.version=1",
                        "--spring.jmx.enabled=false");
        return Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    private void assertBadRuleSet(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = call("PUT", port, "/api/moderation/rules", body, TOKENS.moderatorToken());
        assertProblem(response, 400);
    }

    private static Map<String, Object> editable(JsonNode view) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(view, Map.class);
        return new LinkedHashMap<>(map);
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(field, value);
        return copy;
    }

    private KafkaConsumer<String, CommentModerated> decisionsConsumer() {
        KafkaConsumer<String, CommentModerated> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new EventDeserializer<>(CommentModerated.class));
        consumer.subscribe(List.of(Topics.COMMENT_MODERATED.name()));
        return consumer;
    }

    private final List<CommentModerated> seen = new ArrayList<>();

    private CommentModerated awaitDecision(
            KafkaConsumer<String, CommentModerated> consumer, UUID commentId, String decidedBy) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            return seen.stream()
                    .anyMatch(d ->
                            d.commentId().equals(commentId) && d.decidedBy().equals(decidedBy));
        });
        return seen.stream()
                .filter(d -> d.commentId().equals(commentId) && d.decidedBy().equals(decidedBy))
                .findFirst()
                .orElseThrow();
    }

    private static void send(KafkaProducer<String, Event> producer, String topic, Event event) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(), event.partitionKey(), event))
                .get();
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    @Test
    void everyMethodOnTheModerationEndpointsNeedsAModerator() {
        URI service = URI.create("http://127.0.0.1:" + port);
        String reader = TOKENS.token("reader", List.of("READER"));
        for (String path :
                List.of("/api/moderation/rules", "/api/moderation/comments/" + UUID.randomUUID() + "/decisions")) {
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(service, path, null)) {
                assertThat(answer.status()).as("%s", answer).isEqualTo(401);
                assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
            }
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(service, path, reader)) {
                assertThat(answer.status()).as("%s", answer).isEqualTo(403);
                assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void tokensWithoutExpiryExpiredTenSecondsAgoForAnotherAudienceOrTooLongLivedAre401() throws Exception {
        for (String token : List.of(
                TOKENS.moderatorTokenWithoutExpiry(),
                TOKENS.moderatorTokenExpiredFor(Duration.ofSeconds(10)),
                TOKENS.moderatorTokenForAudience("another-api"),
                TOKENS.moderatorTokenValidFor(Duration.ofMinutes(61)))) {
            assertProblem(call("GET", port, "/api/moderation/rules", null, token), 401);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
    }

    private HttpResponse<String> call(String method, int port, String path, Object body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
