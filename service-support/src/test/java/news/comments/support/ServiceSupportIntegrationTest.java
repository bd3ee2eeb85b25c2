package news.comments.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import news.comments.events.EventTypes;
import news.comments.events.Topics;
import news.comments.support.app.SupportTestApplication;
import news.comments.support.kafka.KafkaClientMetricsAutoConfiguration;
import news.comments.support.outbox.Outbox;
import news.comments.testsupport.EmbeddedPostgresDatabases;
import news.comments.testsupport.MethodProbe;
import news.comments.testsupport.TestTokenIssuer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 6, brokerProperties = "auto.create.topics.enable=false")
class ServiceSupportIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ConsumerFactory<?, ?> consumerFactory;

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    SupportTestApplication.DecisionRecorder decisions;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabases.jdbcUrl("support_it"));
        registry.add("spring.datasource.username", EmbeddedPostgresDatabases::username);
        registry.add("spring.datasource.password", EmbeddedPostgresDatabases::password);
        registry.add(
                "comments.security.jwk-set-uri", () -> TestTokenIssuer.shared().jwkSetUri());
    }

    @Test
    void anEventRecordedInACommittedTransactionReachesKafkaWithKeyTimestampAndTypeHeader() throws Exception {
        HttpResponse<String> created = post("/api/things", "{\"name\":\"first\"}", null);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();

        List<ConsumerRecord<String, byte[]>> records = readAll(Topics.ARTICLE_STATE.name(), 1);
        ConsumerRecord<String, byte[]> record =
                records.stream().filter(r -> r.key().equals(id)).findFirst().orElseThrow();
        assertThat(new String(record.headers().lastHeader(EventTypes.HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("ArticleState");
        var state = Topics.ARTICLE_STATE
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.headers(), record.value());
        assertThat(state.title()).isEqualTo("first");
        assertThat(record.timestamp()).isEqualTo(state.updatedAt().toEpochMilli());
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows() == 0);
    }

    @Test
    void eventsPublishedTogetherReachKafkaOnceEachInTheOrderGivenWithTheirOwnTimestamps() {
        UUID id = UUID.randomUUID();
        Instant first = Instant.parse("2026-11-30T10:15:30.123456789Z");
        List<ArticleState> states = new ArrayList<>();
        for (int version = 1; version <= 5; version++) {
            states.add(
                    new ArticleState(id, "version " + version, true, null, null, version, first.plusSeconds(version)));
        }

        new TransactionTemplate(transactions)
                .executeWithoutResult(tx -> outbox.publishAll(Topics.ARTICLE_STATE, states));

        List<ConsumerRecord<String, byte[]>> records = readAll(Topics.ARTICLE_STATE.name(), 0, 5, id.toString());
        List<ArticleState> received = records.stream()
                .map(r ->
                        Topics.ARTICLE_STATE.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value()))
                .toList();
        assertThat(received).extracting(ArticleState::version).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(records)
                .extracting(ConsumerRecord::timestamp)
                .containsExactlyElementsOf(
                        states.stream().map(s -> s.updatedAt().toEpochMilli()).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsOf(id.toString()) == 0);
    }

    @Test
    void aRowKafkaRefusesIsParkedWithItsErrorAndTheRowsAroundItAreDeliveredInOrder() {
        String key = UUID.randomUUID().toString();
        String topic = Topics.ARTICLE_STATE.name();
        byte[] tooLarge = new byte[2 * 1024 * 1024]; // above the producer's max.request.size (1 MB)
        // One statement, so the relay finds all three rows in the same batch.
        jdbc.sql("""
                insert into outbox_event (topic, record_key, event_type, payload, occurred_at)
                values (:topic, :key, 'ArticleState', :one, now()),
                       (:topic, :key, 'ArticleState', :large, now()),
                       (:topic, :key, 'ArticleState', :two, now())
                """)
                .param("topic", topic)
                .param("key", key)
                .param("one", "one".getBytes(StandardCharsets.UTF_8))
                .param("large", tooLarge)
                .param("two", "two".getBytes(StandardCharsets.UTF_8))
                .update();

        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(key) == 1 && parkedRowsOf(key) == 1);
        var parked = jdbc.sql("select attempts, last_error from outbox_event where record_key = :key")
                .param("key", key)
                .query()
                .singleRow();
        assertThat(parked.get("attempts")).isEqualTo(2); // comments.outbox.max-attempts in the test configuration
        assertThat((String) parked.get("last_error")).contains("RecordTooLargeException");
        assertThat(readKey(topic, key, 2)).containsExactly("one", "two");
        // The backlog gauges are cached, refreshed every comments.outbox.metrics-interval.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(gauge("outbox.events.parked")).isEqualTo(1.0));
        assertThat(meters.get("outbox.events.failed")
                        .tag("kind", "refused")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTopicKafkaCannotTakeYetKeepsItsRowUnparkedUntilItCan() {
        String key = UUID.randomUUID().toString();
        String topic = "things.late." + UUID.randomUUID();
        double transientBefore = transientFailures();
        jdbc.sql("""
                insert into outbox_event (topic, record_key, event_type, payload, occurred_at)
                values (:topic, :key, 'ArticleState', :payload, now())
                """)
                .param("topic", topic)
                .param("key", key)
                .param("payload", "late".getBytes(StandardCharsets.UTF_8))
                .update();

        // More failed rounds than max-attempts: transient failures must not count toward parking.
        await().atMost(Duration.ofSeconds(60)).until(() -> transientFailures() >= transientBefore + 3);
        var row = jdbc.sql("select attempts, parked_at from outbox_event where record_key = :key")
                .param("key", key)
                .query()
                .singleRow();
        assertThat(row.get("attempts")).isEqualTo(0);
        assertThat(row.get("parked_at")).isNull();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(gauge("outbox.events.oldest.age")).isGreaterThan(0);
            assertThat(gauge("outbox.events.pending")).isGreaterThanOrEqualTo(1.0);
        });
        assertThat(prometheus())
                .containsPattern("(?m)^outbox_events_pending(\\{[^}]*\\})? [1-9]")
                .containsPattern("(?m)^outbox_events_oldest_age_seconds(\\{[^}]*\\})? [0-9.E]+$");

        broker.addTopics(new NewTopic(topic, 1, (short) 1));
        assertThat(readKey(topic, key, 1)).containsExactly("late");
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsOf(key) == 0);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(gauge("outbox.events.oldest.age")).isZero());
    }

    @Test
    void aRolledBackTransactionPublishesNothing() throws Exception {
        HttpResponse<String> failed = post("/api/things", "{\"name\":\"ghost\",\"failAfterPublish\":true}", null);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(failed.body()).doesNotContain("rolled back on purpose").doesNotContain("Exception");
        assertThat(outboxRows()).isZero();
        assertThat(jdbc.sql("select count(*) from thing where name = 'ghost'")
                        .query(Long.class)
                        .single())
                .isZero();
        // A later committed event is delivered, and the rolled-back one never shows up before it.
        post("/api/things", "{\"name\":\"after\"}", null);
        List<ConsumerRecord<String, byte[]>> records = readAll(Topics.ARTICLE_STATE.name(), 1);
        assertThat(records)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .noneMatch(v -> v.contains("ghost"))
                .anyMatch(v -> v.contains("after"));
    }

    @Test
    void badInputGetsProblemJsonAndChangesNothing() throws Exception {
        long before = things();
        Map<String, Integer> cases = Map.of(
                "{\"name\":\"\"}", 400,
                "{\"name\":\"far too long a name\"}", 400,
                "{\"name\":", 400,
                "{\"name\":[1,2]}", 400,
                "", 400);
        for (var entry : cases.entrySet()) {
            HttpResponse<String> response = post("/api/things", entry.getKey(), null);
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(entry.getValue());
            assertProblem(response, "/problems/invalid-request");
        }
        assertThat(things()).isEqualTo(before);

        assertProblem(get("/api/things/not-a-uuid"), "/problems/invalid-request");
        assertProblem(get("/api/things/" + UUID.randomUUID()), "/problems/not-found");
        // Unlisted paths and methods are a moderator's (deny by default): with a token they are 404 and 405.
        String moderator = "Bearer " + TestTokenIssuer.shared().moderatorToken();
        assertProblem(
                http.send(
                        HttpRequest.newBuilder(uri("/api/nothing-here"))
                                .header("Authorization", moderator)
                                .build(),
                        HttpResponse.BodyHandlers.ofString()),
                "/problems/not-found");
        HttpResponse<String> wrongMethod = http.send(
                HttpRequest.newBuilder(uri("/api/things"))
                        .header("Authorization", moderator)
                        .method("DELETE", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertProblem(wrongMethod, "/problems/method-not-allowed");
        HttpResponse<String> wrongType = http.send(
                HttpRequest.newBuilder(uri("/api/things"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("name"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertProblem(wrongType, "/problems/unsupported-media-type");
    }

    @Test
    void strictBodiesRefuseControlCharactersWrongTypesAndUnknownFieldsWith400AndChangeNothing() throws Exception {
        long before = things();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"name\":\"a\\u0007b\"}", "Field 'name' contains a forbidden character (U+0007)");
        cases.put("{\"name\":\"a\\u0000\"}", "Field 'name' contains a forbidden character (U+0000)");
        cases.put("{\"name\":\"a\\u007f\"}", "U+007F");
        cases.put("{\"name\":\"a\u0085b\"}", "U+0085");
        cases.put("{\"name\":\"\\ud800x\"}", "U+D800");
        cases.put("{\"name\":\"x\\udc00\"}", "U+DC00");
        cases.put("{\"name\":12345}", "Field 'name'");
        cases.put("{\"name\":true}", "Field 'name'");
        cases.put("{\"name\":{\"$gt\":\"\"}}", "Field 'name'");
        cases.put("{\"name\":\"ok\",\"admin\":true}", "Unknown field 'admin'");
        cases.put("{\"name\":\"ok\",\"failAfterPublish\":\"maybe\"}", "Field 'failAfterPublish'");
        for (var entry : cases.entrySet()) {
            HttpResponse<String> response = post("/api/things", entry.getKey(), null);
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(400);
            assertProblem(response, "/problems/invalid-request");
            assertThat(JSON.readTree(response.body()).path("detail").asString())
                    .as(entry.getKey())
                    .contains(entry.getValue());
            assertThat(response.body()).doesNotContain("java.", "tools.jackson");
        }
        assertThat(things()).isEqualTo(before);
    }

    @Test
    void duplicateKeysAndIllFormedUtf8AreRefusedWith400AndChangeNothing() throws Exception {
        long before = things();
        Map<byte[], String> cases = new java.util.LinkedHashMap<>();
        cases.put(utf8("{\"name\":\"a\",\"name\":\"b\"}"), "more than once");
        cases.put(utf8("{\"name\":\"ok\",\"failAfterPublish\":false,\"failAfterPublish\":true}"), "more than once");
        // overlong '/' (C0 AF), overlong NUL (C0 80), a lone continuation byte, a UTF-16 surrogate, a cut-off sequence
        for (byte[] bad : List.of(
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82})) {
            cases.put(concat(utf8("{\"name\":\"a"), bad, utf8("b\"}")), "not well-formed UTF-8");
        }
        for (var entry : cases.entrySet()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri("/api/things"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(entry.getKey()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String sent = new String(entry.getKey(), StandardCharsets.ISO_8859_1);
            assertThat(response.statusCode()).as(sent).isEqualTo(400);
            assertProblem(response, "/problems/invalid-request");
            assertThat(JSON.readTree(response.body()).path("detail").asString())
                    .as(sent)
                    .contains(entry.getValue());
        }
        assertThat(things()).isEqualTo(before);
        HttpResponse<String> wellFormed = post("/api/things", "{\"name\":\"caf\u00e9 \uD83D\uDE00\"}", null);
        assertThat(wellFormed.statusCode()).as(wellFormed.body()).isEqualTo(201);
    }

    @Test
    void headersTomcatRefusesItselfGetAProblemJsonWithSecurityHeaders() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/api/things/" + UUID.randomUUID()))
                        .header("Idempotency-Key", "k".repeat(40_000))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    void textIsStoredAsGivenAndComesBackAsJsonTextWithSecurityHeaders() throws Exception {
        String name = "<b>\t\uD83D\uDE00\n\"'&";
        HttpResponse<String> created = post("/api/things", JSON.writeValueAsString(Map.of("name", name)), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();

        HttpResponse<String> read = get("/api/things/" + id);
        assertThat(JSON.readTree(read.body()).get("name").asString()).isEqualTo(name);
        assertThat(read.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        for (HttpResponse<String> response : List.of(created, read, get("/api/nothing-here"))) {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
    }

    @Test
    void onlyAValidModeratorTokenOpensAModeratorEndpoint() throws Exception {
        String path = "/api/things/" + UUID.randomUUID() + "/lock";
        TestTokenIssuer tokens = TestTokenIssuer.shared();

        HttpResponse<String> anonymous = post(path, "{}", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertProblem(anonymous, "/problems/unauthorized");
        assertThat(post(path, "{}", tokens.expiredToken()).statusCode()).isEqualTo(401);
        assertThat(post(path, "{}", tokens.tokenSignedByAnotherKey()).statusCode())
                .isEqualTo(401);
        assertThat(post(path, "{}", "not.a.jwt").statusCode()).isEqualTo(401);
        HttpResponse<String> reader = post(path, "{}", tokens.token("reader", List.of("READER")));
        assertThat(reader.statusCode()).isEqualTo(403);
        assertProblem(reader, "/problems/forbidden");

        HttpResponse<String> moderator = post(path, "{}", tokens.moderatorToken());
        assertThat(moderator.statusCode()).isEqualTo(200);
        assertThat(moderator.body()).isEqualTo("locked by test-moderator");
    }

    @Test
    void everyMethodOnAModeratorPathAndOnAnUnlistedPathNeedsAModerator() {
        String reader = TestTokenIssuer.shared().token("reader", List.of("READER"));
        for (String path : List.of("/api/things/" + UUID.randomUUID() + "/lock", "/api/unlisted", "/actuator/env")) {
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(uri(""), path, null)) {
                assertThat(answer.status()).as("%s", answer).isEqualTo(401);
                assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
                if (!answer.method().equals("HEAD")) {
                    assertThat(answer.body()).as("%s", answer).contains("/problems/unauthorized");
                }
            }
        }
        for (String path : List.of("/api/things/" + UUID.randomUUID() + "/lock", "/api/unlisted")) {
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(uri(""), path, reader)) {
                assertThat(answer.status()).as("%s", answer).isEqualTo(403);
                assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void readerEndpointsStayOpenToGetAndHeadAndOperationsToMonitoring() {
        String unknownThing = "/api/things/" + UUID.randomUUID();
        assertThat(MethodProbe.call(uri(""), "GET", unknownThing, null).status())
                .isEqualTo(404);
        assertThat(MethodProbe.call(uri(""), "HEAD", unknownThing, null).status())
                .isEqualTo(404);
        assertThat(MethodProbe.call(uri(""), "GET", "/actuator/health", null).status())
                .isEqualTo(200);
        assertThat(MethodProbe.call(uri(""), "GET", "/actuator/prometheus", null)
                        .status())
                .isEqualTo(200);
        // A reader rule opens its own method only.
        assertThat(MethodProbe.call(uri(""), "DELETE", unknownThing, null).status())
                .isEqualTo(401);
    }

    @Test
    void tokensWithoutExpiryOrIssueTimeExpiredTenSecondsAgoForAnotherAudienceOrTooLongLivedAre401() throws Exception {
        String path = "/api/things/" + UUID.randomUUID() + "/lock";
        TestTokenIssuer tokens = TestTokenIssuer.shared();
        Map<String, String> refused = Map.of(
                "no exp", tokens.moderatorTokenWithoutExpiry(),
                "no iat", tokens.moderatorTokenWithoutIssuedAt(),
                "expired 10 s ago", tokens.moderatorTokenExpiredFor(Duration.ofSeconds(10)),
                "another audience", tokens.moderatorTokenForAudience("another-api"),
                "valid for 1 h 1 min", tokens.moderatorTokenValidFor(Duration.ofMinutes(61)));

        for (Map.Entry<String, String> token : refused.entrySet()) {
            HttpResponse<String> response = post(path, "{}", token.getValue());
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertProblem(response, "/problems/unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(token.getKey())
                    .hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
        }
        assertThat(post(path, "{}", tokens.moderatorTokenValidFor(Duration.ofHours(1)))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheListenerMovesOn() throws Exception {
        String key = UUID.randomUUID().toString();
        double deadLettersBefore = deadLetters(Topics.COMMENT_MODERATED.deadLetterName());
        var good = new CommentModerated(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.fromString(key),
                Decision.APPROVED,
                List.of(),
                CommentModerated.RULES,
                1,
                Instant.now(),
                null);
        try (var producer = new KafkaProducer<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer())) {
            var poison = new ProducerRecord<>(
                    Topics.COMMENT_MODERATED.name(), key, "{not json".getBytes(StandardCharsets.UTF_8));
            poison.headers().add(EventTypes.HEADER, "CommentModerated".getBytes(StandardCharsets.UTF_8));
            producer.send(poison).get();
            var goodRecord = new ProducerRecord<>(
                    Topics.COMMENT_MODERATED.name(),
                    key,
                    Topics.COMMENT_MODERATED
                            .valueSerde()
                            .serializer()
                            .serialize(Topics.COMMENT_MODERATED.name(), good));
            producer.send(goodRecord).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> decisions.received.contains(good));
        List<ConsumerRecord<String, byte[]>> deadLetters = readAll(Topics.COMMENT_MODERATED.deadLetterName(), 1);
        assertThat(deadLetters).anySatisfy(dlt -> {
            assertThat(dlt.key()).isEqualTo(key);
            assertThat(new String(dlt.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(dlt.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        });
        // Counted by dead-letter topic once Kafka acknowledged it (a metric ops alert on).
        assertThat(deadLetters(Topics.COMMENT_MODERATED.deadLetterName())).isEqualTo(deadLettersBefore + 1);
        assertThat(prometheus())
                .containsPattern(
                        "(?m)^comments_dead_letters_total\\{[^}]*topic=\"comments\\.moderated\\.v1\\.DLT\"[^}]*\\} [1-9]");
    }

    @Test
    void theListenersConsumerLagIsOnPrometheusPerClientOfTheGroupWithinSecondsOfTheAssignment() {
        // KafkaClientMetricsAutoConfiguration adds a MicrometerConsumerListener to the consumer factory in place
        // of Boot's (one, not two): the Kafka client's own fetch metrics, per consumer (client_id names the
        // group). The lag of a partition appears once it is assigned; the listener looks for it every 10 s
        // where Micrometer's default is every minute.
        assertThat(consumerFactory.getListeners())
                .singleElement()
                .extracting(listener -> listener.getClass().getEnclosingClass())
                .isEqualTo(KafkaClientMetricsAutoConfiguration.class);
        await().atMost(Duration.ofSeconds(25))
                .untilAsserted(
                        () -> assertThat(prometheus())
                                .containsPattern(
                                        "(?m)^kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"consumer-support-test-[0-9]+\"[^}]*\\} ")
                                .containsPattern(
                                        "(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*client_id=\"consumer-support-test-[0-9]+\"[^}]*partition=\"[0-9]+\"[^}]*topic=\"comments\\.moderated\\.v1\"[^}]*\\} "));
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private double deadLetters(String topic) {
        var counter = meters.find("comments.dead.letters").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    private String prometheus() {
        return MethodProbe.call(uri(""), "GET", "/actuator/prometheus", null).body();
    }

    private long outboxRows() {
        return jdbc.sql("select count(*) from outbox_event where parked_at is null")
                .query(Long.class)
                .single();
    }

    private long rowsOf(String key) {
        return jdbc.sql("select count(*) from outbox_event where record_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
    }

    private long parkedRowsOf(String key) {
        return jdbc.sql("select count(*) from outbox_event where record_key = :key and parked_at is not null")
                .param("key", key)
                .query(Long.class)
                .single();
    }

    private double transientFailures() {
        return meters.get("outbox.events.failed")
                .tag("kind", "transient")
                .counter()
                .count();
    }

    /** The values of a key's records, in topic order, once at least {@code atLeast} arrived (and a bit more). */
    private List<String> readKey(String topic, String key, int atLeast) {
        return readAll(topic, 0, atLeast, key).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    private long things() {
        return jdbc.sql("select count(*) from thing").query(Long.class).single();
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) {
        return readAll(topic, atLeast, 0, null);
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast, int atLeastOfKey, String key) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "reader-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return all.size() >= atLeast
                        && (key == null
                                || all.stream().filter(r -> key.equals(r.key())).count() >= atLeastOfKey);
            });
            consumer.poll(Duration.ofMillis(500)).forEach(all::add);
        }
        return key == null ? all : all.stream().filter(r -> key.equals(r.key())).toList();
    }

    private void assertProblem(HttpResponse<String> response, String type) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").asString()).as(response.body()).isEqualTo(type);
        assertThat(body.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(body.has("title")).isTrue();
        assertThat(body.has("detail")).isTrue();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        var request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
