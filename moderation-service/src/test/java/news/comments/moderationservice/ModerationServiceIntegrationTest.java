package news.comments.moderationservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import news.comments.events.Event;
import news.comments.events.EventDeserializer;
import news.comments.events.EventSerializer;
import news.comments.events.Topics;
import news.comments.testsupport.TestTokenIssuer;
import news.comments.testsupport.contract.MappedEndpoints;
import news.comments.testsupport.contract.OpenApiContract;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real app against a real (embedded KRaft) broker: events in, decisions out, poison pills parked on
 * the dead-letter topics (the rules topic's too), and the moderator-only rules endpoints.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "moderation.rules.version=3",
            "moderation.rules.banned-words=idiot,c++"
        })
// Closed after this class, so Streams stops before the embedded broker goes away.
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
class ModerationServiceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path stateDir;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping requestMappings;

    @Autowired
    EmbeddedKafkaBroker broker;

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A fresh state folder per run (the broker is fresh too), under target/ so a clean build removes it. */
    @BeforeAll
    static void createStateDir() throws IOException {
        Path parent = Files.createDirectories(Path.of("target", "streams-it"));
        stateDir = Files.createTempDirectory(parent, "state").toAbsolutePath();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "comments.security.jwk-set-uri", () -> TestTokenIssuer.shared().jwkSetUri());
        registry.add("spring.kafka.streams.state-dir", () -> stateDir.toString());
    }

    @Test
    void decidesEachCommentExactlyOnceAndParksAPoisonPillOnTheDeadLetterTopic() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(get("/actuator/health/readiness", null).statusCode())
                                .isEqualTo(200));

        UUID openArticle = UUID.randomUUID();
        UUID closedArticle = UUID.randomUUID();
        Instant now = Instant.now();
        Instant closedAt = now.minusSeconds(60);
        CommentSubmitted fine = comment(openArticle, "A fine article.", now);
        CommentSubmitted rude = comment(openArticle, "You idiot.", now);
        CommentSubmitted late = comment(closedArticle, "Too late?", now);
        CommentSubmitted beforeClose = comment(closedArticle, "Just in time.", closedAt.minusSeconds(1));
        CommentSubmitted orphan = comment(UUID.randomUUID(), "Where am I?", now);
        CommentSubmitted afterPoison = comment(openArticle, "After the poison pill.", now.plusMillis(5));

        try (KafkaProducer<String, Event> events =
                        new KafkaProducer<>(producerConfig(), new StringSerializer(), new EventSerializer<>());
                KafkaProducer<String, byte[]> raw =
                        new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            send(
                    events,
                    Topics.ARTICLE_STATE.name(),
                    new ArticleState(openArticle, "Open", true, null, null, 1, now.minusSeconds(3600)));
            send(
                    events,
                    Topics.ARTICLE_STATE.name(),
                    new ArticleState(closedArticle, "Closed", true, null, null, 1, now.minusSeconds(3600)));
            send(
                    events,
                    Topics.ARTICLE_STATE.name(),
                    new ArticleState(closedArticle, "Closed", false, closedAt, null, 2, closedAt));
            for (CommentSubmitted comment : List.of(fine, fine, rude, late, beforeClose, orphan)) {
                send(events, Topics.COMMENT_SUBMITTED.name(), comment); // fine twice: an outbox redelivery
            }
            raw.send(new ProducerRecord<>(
                            Topics.COMMENT_SUBMITTED.name(),
                            openArticle.toString(),
                            "{\"broken".getBytes(StandardCharsets.UTF_8)))
                    .get();
            send(events, Topics.COMMENT_SUBMITTED.name(), afterPoison);
        }

        List<CommentModerated> decisions = new ArrayList<>();
        try (KafkaConsumer<String, CommentModerated> consumer =
                consumer(new EventDeserializer<>(CommentModerated.class), Topics.COMMENT_MODERATED.name())) {
            // afterPoison is the last record on its partition: once it is decided, so is everything before it.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> decisions.add(record.value()));
                assertThat(decisions)
                        .extracting(CommentModerated::commentId)
                        .contains(
                                fine.commentId(),
                                rude.commentId(),
                                late.commentId(),
                                beforeClose.commentId(),
                                orphan.commentId(),
                                afterPoison.commentId());
            });
        }

        Map<UUID, List<CommentModerated>> byComment =
                decisions.stream().collect(Collectors.groupingBy(CommentModerated::commentId));
        assertThat(byComment)
                .hasSize(6)
                .allSatisfy((id, list) -> assertThat(list).hasSize(1));
        assertThat(only(byComment, fine).decision()).isEqualTo(Decision.APPROVED);
        assertThat(only(byComment, rude).decision()).isEqualTo(Decision.REJECTED);
        assertThat(only(byComment, rude).reasons()).extracting("code").containsExactly("BANNED_WORD");
        assertThat(only(byComment, late).decision()).isEqualTo(Decision.REJECTED);
        assertThat(only(byComment, late).reasons()).extracting("code").containsExactly("THREAD_CLOSED");
        assertThat(only(byComment, beforeClose).decision()).isEqualTo(Decision.APPROVED);
        assertThat(only(byComment, orphan).decision()).isEqualTo(Decision.HELD);
        assertThat(only(byComment, afterPoison).decision()).isEqualTo(Decision.APPROVED);
        assertThat(decisions).allSatisfy(decision -> {
            assertThat(decision.decidedBy()).isEqualTo(CommentModerated.RULES);
            assertThat(decision.rulesVersion()).isEqualTo(3);
            assertThat(decision.decisionId()).isEqualTo(CommentModerated.automaticDecisionId(decision.commentId()));
        });

        try (KafkaConsumer<String, byte[]> deadLetters =
                consumer(new ByteArrayDeserializer(), Topics.COMMENT_SUBMITTED.deadLetterName())) {
            List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(parked::add);
                assertThat(parked).isNotEmpty();
            });
            assertThat(parked).singleElement().satisfies(record -> {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"broken");
                assertThat(record.key()).isEqualTo(openArticle.toString());
                assertThat(record.headers().lastHeader("kafka_dlt-exception-message"))
                        .isNotNull();
            });
        }

        // What ops alert on, on this instance's /actuator/prometheus: the poison pill counted by its dead-letter
        // topic (Streams' deserialization handler uses the counting recoverer), the decisions by source and
        // outcome, their latency histogram, and the stream thread's consumer lag (service-support adds a subclass of
        // spring-kafka's
        // KafkaStreamsMicrometerListener to the StreamsBuilderFactoryBean).
        String metrics = get("/actuator/prometheus", null).body();
        assertThat(sample(
                        metrics,
                        "comments_dead_letters_total\\{[^}]*topic=\"comments\\.submitted\\.v1\\.DLT\"[^}]*\\}"))
                .isEqualTo(1);
        assertThat(sample(metrics, "moderation_decisions_total\\{[^}]*decision=\"approved\",source=\"rules\"[^}]*\\}"))
                .isGreaterThanOrEqualTo(3);
        assertThat(sample(metrics, "moderation_decisions_total\\{[^}]*decision=\"rejected\",source=\"rules\"[^}]*\\}"))
                .isGreaterThanOrEqualTo(2);
        assertThat(sample(metrics, "moderation_decisions_total\\{[^}]*decision=\"held\",source=\"rules\"[^}]*\\}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(metrics, "moderation_decision_latency_seconds_count(?:\\{[^}]*\\})?"))
                .isGreaterThanOrEqualTo(6);
        assertThat(metrics).containsPattern("(?m)^moderation_decision_latency_seconds_bucket\\{[^}]*le=\"[0-9.]+\"");
        // Kafka client metrics are bound as they appear: service-support's listeners look for new ones every
        // 10 s (Micrometer's default is every minute).
        await().atMost(Duration.ofSeconds(25))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> assertThat(get("/actuator/prometheus", null).body())
                                .containsPattern(
                                        "(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*client_id=\"[^\"]*-StreamThread-[0-9]+-consumer\"[^}]*topic=\"comments\\.submitted\\.v1\"[^}]*\\} [0-9]")
                                .containsPattern(
                                        "(?m)^kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"[^\"]*-StreamThread-[0-9]+-consumer\"[^}]*\\} "));
    }

    /** The value of the Prometheus sample whose name and labels match, 0 when there is none. */
    private static double sample(String scrape, String nameAndLabels) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^" + nameAndLabels + " (\\S+)$")
                .matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    @Test
    void showsTheRuleSetToModeratorsOnly() throws Exception {
        TestTokenIssuer tokens = TestTokenIssuer.shared();

        HttpResponse<String> asModerator = get("/api/moderation/rules", tokens.moderatorToken());
        assertThat(asModerator.statusCode()).isEqualTo(200);
        JsonNode rules = JSON.readTree(asModerator.body());
        assertThat(rules.get("version").asLong()).isEqualTo(3);
        assertThat(rules.get("bannedWords")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("idiot", "c++");
        assertThat(rules.get("maxLinks").asInt()).isEqualTo(2);
        assertThat(rules.get("maxLength").asInt()).isEqualTo(5000);
        assertThat(rules.get("closeGraceMillis").asLong()).isEqualTo(200);

        HttpResponse<String> anonymous = get("/api/moderation/rules", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

        HttpResponse<String> reader = get("/api/moderation/rules", tokens.token("reader", List.of()));
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void listsTheConfiguredRuleSetAsTheOnlyVersionAndServesItByNumber() throws Exception {
        String moderator = TestTokenIssuer.shared().moderatorToken();

        HttpResponse<String> list = get("/api/moderation/rules/versions", moderator);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode versions = JSON.readTree(list.body()).get("versions");
        assertThat(versions.size()).isEqualTo(1);
        assertThat(versions.get(0).get("version").asLong()).isEqualTo(3);
        assertThat(versions.get(0).get("publishedBy").asString()).isEqualTo("configuration");
        assertThat(versions.get(0).get("publishedAt").isNull()).isTrue();

        HttpResponse<String> three = get("/api/moderation/rules/versions/3", moderator);
        assertThat(three.statusCode()).isEqualTo(200);
        assertThat(three.headers().firstValue("ETag")).hasValue("\"3\"");
        assertThat(JSON.readTree(three.body()).get("bannedWords").size()).isEqualTo(2);

        assertThat(get("/api/moderation/rules/versions/4", moderator).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/moderation/rules/versions/x", moderator).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/moderation/rules/versions", null).statusCode()).isEqualTo(401);
    }

    @Test
    void parksAPoisonRecordOnTheRulesTopicOnItsDeadLetterTopicAndKeepsTheRulesInForce() throws Exception {
        try (KafkaProducer<String, byte[]> raw =
                new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(
                            Topics.MODERATION_RULES.name(),
                            "poison",
                            "\u0000{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }

        try (KafkaConsumer<String, byte[]> deadLetters =
                consumer(new ByteArrayDeserializer(), Topics.MODERATION_RULES.deadLetterName())) {
            List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(parked::add);
                assertThat(parked).isNotEmpty();
            });
            // One instance here, so one dead letter: each instance's global thread parks its own copy.
            assertThat(parked).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("poison");
                assertThat(record.headers().lastHeader("kafka_dlt-exception-message"))
                        .isNotNull();
            });
        }
        HttpResponse<String> rules =
                get("/api/moderation/rules", TestTokenIssuer.shared().moderatorToken());
        assertThat(rules.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(rules.body()).get("version").asLong()).isEqualTo(3);
    }

    private static CommentSubmitted comment(UUID articleId, String text, Instant submittedAt) {
        return new CommentSubmitted(UUID.randomUUID(), articleId, null, "reader", text, submittedAt);
    }

    private static CommentModerated only(Map<UUID, List<CommentModerated>> byComment, CommentSubmitted comment) {
        return byComment.get(comment.commentId()).get(0);
    }

    private static void send(KafkaProducer<String, Event> producer, String topic, Event event) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(), event.partitionKey(), event))
                .get();
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG,
                "all");
    }

    private <V> KafkaConsumer<String, V> consumer(Deserializer<V> values, String topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
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
                values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyEndpointThisServiceMapsIsDocumentedInTheContract() {
        assertThat(MappedEndpoints.of(requestMappings)).isNotEmpty();
        assertThat(MappedEndpoints.undocumented(requestMappings, OpenApiContract.fromClasspath()))
                .as("mapped here but missing from docs/openapi.yaml")
                .isEmpty();
    }
}
