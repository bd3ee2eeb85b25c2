package news.comments.articleservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentStatusChanged;
import news.comments.events.Decision;
import news.comments.events.Event;
import news.comments.events.EventDeserializer;
import news.comments.events.EventSerializer;
import news.comments.events.EventTypes;
import news.comments.events.Topics;
import news.comments.testsupport.EmbeddedPostgresDatabases;
import news.comments.testsupport.MethodProbe;
import news.comments.testsupport.TestTokenIssuer;
import news.comments.testsupport.contract.MappedEndpoints;
import news.comments.testsupport.contract.OpenApiContract;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service end to end over real connections: HTTP on a random port, a real embedded KRaft broker and
 * a real PostgreSQL. One Spring context for every test here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(
        partitions = 6,
        brokerProperties = {"auto.create.topics.enable=false", "group.initial.rebalance.delay.ms=0"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticleServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabases.jdbcUrl("articles_it"));
        registry.add("spring.datasource.username", EmbeddedPostgresDatabases::username);
        registry.add("spring.datasource.password", EmbeddedPostgresDatabases::password);
        registry.add("comments.security.jwk-set-uri", TOKENS::jwkSetUri);
    }

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping requestMappings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<ConsumerRecord<String, ArticleState>> states = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
    private KafkaConsumer<String, ArticleState> stateConsumer;
    private KafkaConsumer<String, byte[]> deadLetterConsumer;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void connectToKafka() {
        stateConsumer = new KafkaConsumer<>(
                consumerConfig(), new StringDeserializer(), new EventDeserializer<>(ArticleState.class));
        assignAllPartitions(stateConsumer, Topics.ARTICLE_STATE.name());
        deadLetterConsumer =
                new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        assignAllPartitions(deadLetterConsumer, Topics.COMMENT_STATUS.deadLetterName());
        producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", brokers), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void disconnect() {
        stateConsumer.close();
        deadLetterConsumer.close();
        producer.close();
    }

    // --- create, close, reopen and their snapshots ---

    @Test
    void creatingAnArticleAnswers201WithLocationAndPublishesVersionOne() throws Exception {
        long before = articleCount();
        Instant autoClose = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);

        HttpResponse<String> response = post(
                "/api/articles",
                TOKENS.moderatorToken(),
                "{\"title\":\"Storm hits coast\",\"body\":\"Full story.\",\"autoCloseAt\":\"" + autoClose + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode article = json.readTree(response.body());
        String id = article.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/articles/" + id);
        assertThat(article.get("title").asString()).isEqualTo("Storm hits coast");
        assertThat(article.get("body").asString()).isEqualTo("Full story.");
        assertThat(article.get("commentsOpen").asBoolean()).isTrue();
        assertThat(article.get("closedAt").isNull()).isTrue();
        assertThat(Instant.parse(article.get("autoCloseAt").asString())).isEqualTo(autoClose);
        assertThat(article.get("commentCount").asLong()).isZero();
        Instant publishedAt = Instant.parse(article.get("publishedAt").asString());
        assertThat(articleCount()).isEqualTo(before + 1);

        ConsumerRecord<String, ArticleState> record = awaitState(UUID.fromString(id), 1);
        assertThat(record.key()).isEqualTo(id);
        assertThat(header(record, EventTypes.HEADER)).isEqualTo("ArticleState");
        ArticleState state = record.value();
        assertThat(state.title()).isEqualTo("Storm hits coast");
        assertThat(state.commentsOpen()).isTrue();
        assertThat(state.autoCloseAt()).isEqualTo(autoClose);
        assertThat(state.updatedAt()).isEqualTo(publishedAt);
        assertThat(record.timestamp()).isEqualTo(state.updatedAt().toEpochMilli());

        HttpResponse<String> fetched = get("/api/articles/" + id);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(json.readTree(fetched.body()).get("title").asString()).isEqualTo("Storm hits coast");
    }

    @Test
    void closingPublishesAClosedSnapshotAndReopeningPublishesAnOpenOne() throws Exception {
        UUID id = createArticle("Closing time");
        awaitState(id, 1);

        HttpResponse<String> closed = post(
                "/api/articles/" + id + "/close",
                TOKENS.moderatorToken(),
                "{\"reason\":\"Discussion went off-topic\"}");
        assertThat(closed.statusCode()).isEqualTo(200);
        JsonNode closedBody = json.readTree(closed.body());
        assertThat(closedBody.get("commentsOpen").asBoolean()).isFalse();
        Instant closedAt = Instant.parse(closedBody.get("closedAt").asString());

        ArticleState closedState = awaitState(id, 2).value();
        assertThat(closedState.commentsOpen()).isFalse();
        assertThat(closedState.closedAt()).isEqualTo(closedAt);
        assertThat(closedState.updatedAt()).isEqualTo(closedAt);

        HttpResponse<String> closedAgain = post("/api/articles/" + id + "/close", TOKENS.moderatorToken(), null);
        assertThat(closedAgain.statusCode()).isEqualTo(200);
        JsonNode unchanged = json.readTree(closedAgain.body());
        assertThat(Instant.parse(unchanged.get("closedAt").asString())).isEqualTo(closedAt);
        assertThat(unchanged.get("version").asLong()).isEqualTo(2);

        HttpResponse<String> reopened = post("/api/articles/" + id + "/reopen", TOKENS.moderatorToken(), null);
        assertThat(reopened.statusCode()).isEqualTo(200);
        JsonNode reopenedBody = json.readTree(reopened.body());
        assertThat(reopenedBody.get("commentsOpen").asBoolean()).isTrue();
        assertThat(reopenedBody.get("closedAt").isNull()).isTrue();

        ArticleState reopenedState = awaitState(id, 3).value();
        assertThat(reopenedState.commentsOpen()).isTrue();
        assertThat(reopenedState.closedAt()).isNull();
        assertThat(reopenedState.updatedAt()).isAfterOrEqualTo(closedAt);
    }

    @Test
    void concurrentClosesAndReopensGetStrictlyIncreasingVersions() throws Exception {
        UUID id = createArticle("Busy thread");
        int requests = 12;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String action = i % 2 == 0 ? "/close" : "/reopen";
                answers.add(pool.submit(() -> post("/api/articles/" + id + action, TOKENS.moderatorToken(), null)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        long finalVersion = jdbc.sql("select version from article where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        awaitState(id, finalVersion);
        List<Long> versions = states.stream()
                .filter(r -> r.key().equals(id.toString()))
                .map(r -> r.value().version())
                .toList();
        assertThat(versions).doesNotHaveDuplicates();
        assertThat(versions)
                .containsExactlyInAnyOrderElementsOf(
                        Stream.iterate(1L, v -> v + 1).limit(finalVersion).toList());
        // all snapshots of one article are on one partition, in the order they were made
        assertThat(versions).isSorted();
    }

    // --- who may moderate ---

    @Test
    void postingWithoutATokenIs401ProblemAndStoresNothing() throws Exception {
        long before = articleCount();

        HttpResponse<String> response = post("/api/articles", null, "{\"title\":\"T\",\"body\":\"B\"}");

        assertProblem(response, 401);
        assertThat(articleCount()).isEqualTo(before);
    }

    @Test
    void aTokenWithoutTheModeratorRoleIsForbidden() throws Exception {
        long before = articleCount();
        String reader = TOKENS.token("reader", List.of("READER"));
        UUID id = createArticle("Guarded");

        assertProblem(post("/api/articles", reader, "{\"title\":\"T\",\"body\":\"B\"}"), 403);
        assertProblem(post("/api/articles/" + id + "/close", reader, null), 403);
        assertProblem(post("/api/articles/" + id + "/reopen", reader, null), 403);
        assertThat(articleCount()).isEqualTo(before + 1);
        assertThat(json.readTree(get("/api/articles/" + id).body())
                        .get("commentsOpen")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void anExpiredTokenOrOneSignedByAnotherKeyIs401() throws Exception {
        long before = articleCount();

        assertProblem(post("/api/articles", TOKENS.expiredToken(), "{\"title\":\"T\",\"body\":\"B\"}"), 401);
        assertProblem(post("/api/articles", TOKENS.tokenSignedByAnotherKey(), "{\"title\":\"T\",\"body\":\"B\"}"), 401);
        assertThat(articleCount()).isEqualTo(before);
    }

    @Test
    void everyMethodOnCloseAndReopenAndEveryWriteOfTheListNeedsAModerator() throws Exception {
        long before = articleCount();
        UUID id = createArticle("Guarded against every method");
        URI service = URI.create("http://127.0.0.1:" + port);
        String reader = TOKENS.token("reader", List.of("READER"));

        for (String path : List.of("/api/articles/" + id + "/close", "/api/articles/" + id + "/reopen")) {
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(service, path, null)) {
                assertThat(answer.status()).as("%s", answer).isEqualTo(401);
                assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
            }
            for (MethodProbe.Answer answer : MethodProbe.everyMethod(service, path, reader)) {
                assertThat(answer.status()).as("%s", answer).isEqualTo(403);
                assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
            }
        }
        for (String method : List.of("OPTIONS", "POST", "PUT", "PATCH", "DELETE")) {
            MethodProbe.Answer answer = MethodProbe.call(service, method, "/api/articles", null);
            assertThat(answer.status()).as("%s", answer).isEqualTo(401);
            assertThat(MethodProbe.call(service, method, "/api/articles/" + id, null)
                            .status())
                    .isEqualTo(401);
        }
        assertThat(MethodProbe.call(service, "HEAD", "/api/articles/" + id, null)
                        .status())
                .isEqualTo(200);
        assertThat(articleCount()).isEqualTo(before + 1);
        assertThat(json.readTree(get("/api/articles/" + id).body())
                        .get("commentsOpen")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void tokensWithoutExpiryExpiredTenSecondsAgoForAnotherAudienceOrTooLongLivedAre401() throws Exception {
        long before = articleCount();
        for (String token : List.of(
                TOKENS.moderatorTokenWithoutExpiry(),
                TOKENS.moderatorTokenExpiredFor(Duration.ofSeconds(10)),
                TOKENS.moderatorTokenForAudience("another-api"),
                TOKENS.moderatorTokenValidFor(Duration.ofMinutes(61)))) {
            assertProblem(post("/api/articles", token, "{\"title\":\"T\",\"body\":\"B\"}"), 401);
        }
        assertThat(articleCount()).isEqualTo(before);
    }

    // --- bad input changes nothing ---

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("blank title", "{\"title\":\"   \",\"body\":\"B\"}"),
                Arguments.of("missing body", "{\"title\":\"T\"}"),
                Arguments.of("title too long", "{\"title\":\"" + "t".repeat(301) + "\",\"body\":\"B\"}"),
                Arguments.of("body too long", "{\"title\":\"T\",\"body\":\"" + "b".repeat(100_001) + "\"}"),
                Arguments.of("malformed JSON", "{\"title\":\"T\",\"body\":"),
                Arguments.of("empty body", ""),
                Arguments.of("title of the wrong type", "{\"title\":{\"x\":1},\"body\":\"B\"}"),
                Arguments.of("autoCloseAt not a date", "{\"title\":\"T\",\"body\":\"B\",\"autoCloseAt\":\"soon\"}"),
                Arguments.of(
                        "autoCloseAt in the past",
                        "{\"title\":\"T\",\"body\":\"B\",\"autoCloseAt\":\"2020-01-01T00:00:00Z\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void anInvalidArticleIsRejectedWith400ProblemAndNothingIsStored(String why, String body) throws Exception {
        long before = articleCount();

        assertProblem(post("/api/articles", TOKENS.moderatorToken(), body), 400);

        assertThat(articleCount()).isEqualTo(before);
    }

    @Test
    void anUnknownArticleIs404AndAMalformedIdIs400() throws Exception {
        UUID unknown = UUID.randomUUID();

        assertProblem(get("/api/articles/" + unknown), 404);
        assertProblem(post("/api/articles/" + unknown + "/close", TOKENS.moderatorToken(), null), 404);
        assertProblem(post("/api/articles/" + unknown + "/reopen", TOKENS.moderatorToken(), null), 404);
        assertProblem(get("/api/articles/not-a-uuid"), 400);
    }

    // --- reading ---

    @Test
    void articlesAreListedNewestFirstInPages() throws Exception {
        UUID first = createArticle("First");
        UUID second = createArticle("Second");
        UUID third = createArticle("Third");
        long total = articleCount();

        JsonNode all = json.readTree(get("/api/articles?size=100").body());
        assertThat(all.get("total").asLong()).isEqualTo(total);
        List<String> ids = new ArrayList<>();
        all.get("items").forEach(item -> ids.add(item.get("id").asString()));
        assertThat(ids.indexOf(third.toString())).isLessThan(ids.indexOf(second.toString()));
        assertThat(ids.indexOf(second.toString())).isLessThan(ids.indexOf(first.toString()));
        assertThat(ids.indexOf(first.toString())).isGreaterThanOrEqualTo(0);

        JsonNode firstPage = json.readTree(get("/api/articles?page=0&size=2").body());
        assertThat(firstPage.get("page").asInt()).isZero();
        assertThat(firstPage.get("size").asInt()).isEqualTo(2);
        assertThat(firstPage.get("items")).hasSize(2);
        assertThat(firstPage.get("items").get(0).get("id").asString()).isEqualTo(ids.get(0));
        JsonNode secondPage = json.readTree(get("/api/articles?page=1&size=2").body());
        assertThat(secondPage.get("items").get(0).get("id").asString()).isEqualTo(ids.get(2));

        JsonNode defaults = json.readTree(get("/api/articles").body());
        assertThat(defaults.get("page").asInt()).isZero();
        assertThat(defaults.get("size").asInt()).isEqualTo(20);

        JsonNode beyond = json.readTree(get("/api/articles?page=1000&size=100").body());
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(total);
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "size=0", "size=101", "page=abc", "size=ten"})
    void badPagingIsA400Problem(String query) throws Exception {
        assertProblem(get("/api/articles?" + query), 400);
    }

    @Test
    void anAutoCloseDateThatHasPassedClosesComments() throws Exception {
        UUID id = createArticle("Closes itself");
        assertThat(json.readTree(get("/api/articles/" + id).body())
                        .get("commentsOpen")
                        .asBoolean())
                .isTrue();

        jdbc.sql("update article set auto_close_at = now() - interval '1 minute' where id = :id")
                .param("id", id)
                .update();

        JsonNode article = json.readTree(get("/api/articles/" + id).body());
        assertThat(article.get("commentsOpen").asBoolean()).isFalse();
        assertThat(article.get("closedAt").isNull()).isTrue();
    }

    // --- the comment-status copy ---

    @Test
    void commentCountFollowsStatusChangesAndIgnoresReplaysAndOlderVersions() throws Exception {
        UUID article = createArticle("Much discussed");
        UUID comment = UUID.randomUUID();
        CommentStatusChanged approved = status(comment, article, Decision.APPROVED, 1);

        send(approved);
        await().atMost(WAIT).until(() -> commentCount(article) == 1);

        send(approved); // a replay
        UUID marker = UUID.randomUUID();
        send(status(marker, article, Decision.APPROVED, 1));
        send(status(marker, article, Decision.REJECTED, 2));
        await().atMost(WAIT).until(() -> storedVersion(marker) == 2);
        assertThat(commentCount(article)).isEqualTo(1);

        send(status(comment, article, Decision.REMOVED, 2));
        send(approved); // redelivered after the removal: older, ignored
        send(status(marker, article, Decision.APPROVED, 3));
        await().atMost(WAIT).until(() -> storedVersion(marker) == 3);
        assertThat(commentCount(article)).isEqualTo(1); // the marker only
    }

    @Test
    void aBatchWithDuplicatesAndStaleVersionsKeepsTheNewestStatusOfEachComment() throws Exception {
        UUID article = createArticle("Counted in batches");
        UUID removed = UUID.randomUUID();
        UUID approvedTwice = UUID.randomUUID();
        UUID rejectedBefore = UUID.randomUUID();
        send(status(rejectedBefore, article, Decision.REJECTED, 2));
        await().atMost(WAIT).until(() -> storedVersion(rejectedBefore) == 2);

        MessageListenerContainer listener = listeners.getListenerContainer("comment-statuses");
        listener.pause();
        try {
            await().atMost(WAIT).until(listener::isContainerPaused);
            // One article, so one partition: the listener finds them all in its next poll.
            send(status(removed, article, Decision.APPROVED, 1));
            send(status(removed, article, Decision.REMOVED, 3));
            send(status(removed, article, Decision.APPROVED, 2)); // late: older than the removal
            send(status(removed, article, Decision.REMOVED, 3)); // a replay
            send(status(approvedTwice, article, Decision.APPROVED, 1));
            send(status(approvedTwice, article, Decision.APPROVED, 1));
            send(status(rejectedBefore, article, Decision.APPROVED, 1)); // older than the copy
        } finally {
            listener.resume();
        }

        await().atMost(WAIT).until(() -> storedVersion(removed) == 3 && storedVersion(approvedTwice) == 1);
        assertThat(storedStatus(removed)).isEqualTo("REMOVED");
        assertThat(storedStatus(approvedTwice)).isEqualTo("APPROVED");
        assertThat(storedStatus(rejectedBefore)).isEqualTo("REJECTED");
        assertThat(storedVersion(rejectedBefore)).isEqualTo(2);
        assertThat(commentCount(article)).isEqualTo(1);
    }

    @Test
    void aModeratorDecisionRacingTheAutomaticOneLeavesTheCountAtCommentServicesApprovedTotal() throws Exception {
        UUID article = createArticle("Racing decisions");
        UUID comment = UUID.randomUUID();
        Instant now = Instant.now();
        // The moderator approves before the rules decide; the rules then reject. comment-service keeps the
        // moderator's approval (an automatic decision counts only while the comment is pending) and
        // publishes a single change; the decisions are on their own topic for whoever reads it.
        send(new CommentModerated(
                UUID.randomUUID(), comment, article, Decision.APPROVED, List.of(), "moderator", 1, now, "fine"));
        send(new CommentModerated(
                CommentModerated.automaticDecisionId(comment),
                comment,
                article,
                Decision.REJECTED,
                List.of(),
                CommentModerated.RULES,
                1,
                now.plusMillis(1),
                null));
        send(status(comment, article, Decision.APPROVED, 1));
        UUID marker = UUID.randomUUID();
        send(status(marker, article, Decision.HELD, 1));

        await().atMost(WAIT).until(() -> storedVersion(marker) == 1);
        assertThat(commentCount(article)).as("comment-service's approved total").isEqualTo(1);
    }

    @Test
    void anUnreadableStatusChangeGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() throws Exception {
        UUID article = createArticle("Poisoned");
        byte[] garbage = ("not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventTypes.HEADER, "CommentStatusChanged".getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(Topics.COMMENT_STATUS.name(), null, article.toString(), garbage, headers))
                .get();

        send(status(UUID.randomUUID(), article, Decision.APPROVED, 1));

        await().atMost(WAIT).until(() -> {
            deadLetterConsumer.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
            return deadLetters.stream().anyMatch(r -> java.util.Arrays.equals(r.value(), garbage));
        });
        await().atMost(WAIT).until(() -> commentCount(article) == 1);
    }

    @Test
    void aStatusRecordWithoutAValueGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() throws Exception {
        UUID article = createArticle("Tombstoned");
        producer.send(new ProducerRecord<>(Topics.COMMENT_STATUS.name(), article.toString(), null))
                .get();

        send(status(UUID.randomUUID(), article, Decision.APPROVED, 1));

        await().atMost(WAIT).until(() -> {
            deadLetterConsumer.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
            return deadLetters.stream().anyMatch(r -> article.toString().equals(r.key()) && r.value() == null);
        });
        await().atMost(WAIT).until(() -> commentCount(article) == 1);
    }

    // --- operations ---

    @Test
    void healthProbesAndPrometheusMetricsAreExposed() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    // --- helpers ---

    private UUID createArticle(String title) throws Exception {
        HttpResponse<String> response = post(
                "/api/articles",
                TOKENS.moderatorToken(),
                "{\"title\":\"" + title + "\",\"body\":\"Body of " + title + "\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        return UUID.fromString(json.readTree(response.body()).get("id").asString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.hasNonNull("type")).isTrue();
        assertThat(problem.hasNonNull("title")).isTrue();
        assertThat(problem.hasNonNull("detail")).isTrue();
        assertThat(response.body()).doesNotContain("Exception");
    }

    private long articleCount() {
        return jdbc.sql("select count(*) from article").query(Long.class).single();
    }

    private long commentCount(UUID article) throws Exception {
        return json.readTree(get("/api/articles/" + article).body())
                .get("commentCount")
                .asLong();
    }

    private long storedVersion(UUID comment) {
        return jdbc.sql("select coalesce(max(version), -1) from comment_status where comment_id = :id")
                .param("id", comment)
                .query(Long.class)
                .single();
    }

    private String storedStatus(UUID comment) {
        return jdbc.sql("select status from comment_status where comment_id = :id")
                .param("id", comment)
                .query(String.class)
                .single();
    }

    private static CommentStatusChanged status(UUID comment, UUID article, Decision status, long version) {
        return new CommentStatusChanged(comment, article, status, null, version, Instant.now());
    }

    /** Plays comment-service (status changes) or moderation-service (decisions). */
    private void send(Event event) throws Exception {
        String topic =
                event instanceof CommentStatusChanged ? Topics.COMMENT_STATUS.name() : Topics.COMMENT_MODERATED.name();
        RecordHeaders headers = new RecordHeaders();
        byte[] value = new EventSerializer<Event>().serialize(topic, headers, event);
        producer.send(new ProducerRecord<>(
                        topic, null, event.occurredAt().toEpochMilli(), event.partitionKey(), value, headers))
                .get();
    }

    private ConsumerRecord<String, ArticleState> awaitState(UUID article, long version) {
        return await().atMost(WAIT)
                .until(
                        () -> {
                            stateConsumer.poll(Duration.ofMillis(200)).forEach(states::add);
                            return states.stream()
                                    .filter(r -> r.key().equals(article.toString())
                                            && r.value().version() == version)
                                    .findFirst()
                                    .orElse(null);
                        },
                        record -> record != null);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = KafkaTestUtils.consumerProps(brokers, "article-service-test", false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private static void assignAllPartitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    @Test
    void everyEndpointThisServiceMapsIsDocumentedInTheContract() {
        assertThat(MappedEndpoints.of(requestMappings)).isNotEmpty();
        assertThat(MappedEndpoints.undocumented(requestMappings, OpenApiContract.fromClasspath()))
                .as("mapped here but missing from docs/openapi.yaml")
                .isEmpty();
    }
}
