package news.comments.systemtest;

import static news.comments.systemtest.Scenario.EVENTUALLY;
import static news.comments.systemtest.Scenario.articlesTakingComments;
import static news.comments.systemtest.Scenario.awaitAllDecided;
import static news.comments.systemtest.Scenario.commentsPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import news.comments.events.Topics;
import news.comments.stack.LocalStack;
import news.comments.stack.Service;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Nothing a client got a 2xx for is ever lost": readers keep posting while a part of the system
 * crashes or goes away, and afterwards every accepted comment is decided, exactly once. It breaks parts of
 * the shared stack, and each test leaves it whole again; it runs after every other class that uses that
 * stack (junit-platform.properties orders classes by {@link Order}), so a fault never overlaps another test.
 */
@ExtendWith(SharedStack.class)
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceSystemTest {

    private static final int POSTS_PER_SECOND = 25;

    private static LocalStack stack;
    private static Api api;
    private static List<String> articles;

    @BeforeAll
    static void createArticles(SharedStack.SystemUnderTest system) {
        stack = system.stack();
        api = system.api();
        String token = system.moderatorToken();
        articles = articlesTakingComments(api, token, "Fault test article", 3);
    }

    @Test
    @Order(1)
    void killingModerationServiceMidLoadLosesNoAcceptedCommentAndDecidesNoneTwice() throws Exception {
        CommentLoad load =
                CommentLoad.start(api, articles, POSTS_PER_SECOND, Duration.ofSeconds(15), "kill-moderation", 0);
        Thread.sleep(3_000);
        stack.kill(Service.MODERATION);
        Thread.sleep(2_000);
        stack.restart(Service.MODERATION);
        load.await();

        assertEveryAcceptedCommentDecidedExactlyOnce("kill -9 moderation-service", load);
        assertThat(load.statusCounts().keySet())
                .as("moderation is behind Kafka: readers never notice")
                .containsOnly(202);
    }

    @Test
    @Order(2)
    void stoppingTheBrokerFor20SecondsWhileReadersPostLosesNothing() throws Exception {
        CommentLoad load =
                CommentLoad.start(api, articles, POSTS_PER_SECOND, Duration.ofSeconds(30), "broker-outage", 3);
        Thread.sleep(3_000);
        stack.stopKafka();
        Thread.sleep(20_000);
        stack.startKafka();
        load.await();

        assertEveryAcceptedCommentDecidedExactlyOnce("Kafka stopped for 20 s", load);
        // The outbox takes comments while the broker is away: posting does not need Kafka. A post that times
        // out (the machine is busy restarting the broker) is sent again with its Idempotency-Key.
        assertThat(load.statusCounts().keySet())
                .as("comments accepted throughout the outage")
                .containsOnly(202);
    }

    @Test
    @Order(3)
    void killingCommentServiceGivesReadersFast503sAndLosesNothingAccepted() throws Exception {
        CommentLoad load =
                CommentLoad.start(api, articles, POSTS_PER_SECOND, Duration.ofSeconds(20), "kill-comments", 0);
        Thread.sleep(3_000);
        stack.kill(Service.COMMENT);
        long killedAt = load.millisSinceStart();
        Thread.sleep(2_000); // the breaker opens on the first failures
        List<Long> readerLatencies = new ArrayList<>();
        List<Api.Reply> readerAnswers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long before = System.nanoTime();
            readerAnswers.add(api.get(commentsPath(articles.get(i % articles.size()))));
            readerLatencies.add((System.nanoTime() - before) / 1_000_000);
        }
        long restartAt = load.millisSinceStart();
        stack.restart(Service.COMMENT);
        load.await();

        List<CommentLoad.Post> duringOutage = load.posts().stream()
                .filter(post -> post.sentAtMillis() > killedAt + 1_000 && post.sentAtMillis() < restartAt)
                .toList();
        List<Long> postLatencies = new ArrayList<>(
                duringOutage.stream().map(CommentLoad.Post::latencyMillis).toList());
        System.out.printf(
                "Fault kill -9 comment-service: reader GETs while down p50 %d ms, p99 %d ms, max %d ms; "
                        + "POSTs while down p50 %d ms, p99 %d ms (%d posts)%n",
                percentile(readerLatencies, 50),
                percentile(readerLatencies, 99),
                percentile(readerLatencies, 100),
                percentile(postLatencies, 50),
                percentile(postLatencies, 99),
                postLatencies.size());

        assertThat(readerAnswers).as("readers while comment-service is down").allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.header("Retry-After")).isPresent();
        });
        assertThat(duringOutage)
                .as("posts while comment-service is down")
                .isNotEmpty()
                .allSatisfy(post -> assertThat(post.status()).isEqualTo(503));
        assertThat(percentile(readerLatencies, 50))
                .as("median 503 to readers once the breaker is open, ms")
                .isLessThan(100);
        // It comes back on its own: the breaker half-opens and closes again, posting works.
        await("posting to work again")
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.post(
                                        commentsPath(articles.get(0)),
                                        Map.of("author", "After", "text", "Back again " + UUID.randomUUID()),
                                        null)
                                .status()
                        == 202);
        assertEveryAcceptedCommentDecidedExactlyOnce("kill -9 comment-service", load);
    }

    @Test
    @Order(4)
    void poisonRecordsOnEveryInputTopicGoToItsDeadLetterTopicAndTheConsumersGoOn() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        byte[] poison = "\u0000{not json at all".getBytes(StandardCharsets.UTF_8);
        List<String> dlqTopics = List.of(
                Topics.ARTICLE_STATE.name(),
                Topics.COMMENT_SUBMITTED.name(),
                Topics.COMMENT_REPORTED.name(),
                Topics.COMMENT_MODERATED.name(),
                Topics.COMMENT_STATUS.name(),
                "moderation.moderator-decisions.v1",
                // Held whole by every moderation-service instance: each one parks its own copy.
                Topics.MODERATION_RULES.name());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (String topic : dlqTopics) {
                producer.send(new ProducerRecord<>(topic, poisonKey, poison)).get();
            }
        }

        Set<String> parked = new HashSet<>();
        await("each poison record to reach its dead-letter topic")
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    parked.addAll(topicsHoldingKey(
                            dlqTopics.stream()
                                    .map(t -> t + Topics.DEAD_LETTER_SUFFIX)
                                    .toList(),
                            poisonKey));
                    return parked.size() == dlqTopics.size();
                });

        // The consumers went on: a new comment is still decided, and a rule change still applies.
        CommentLoad load = CommentLoad.start(api, articles, POSTS_PER_SECOND, Duration.ofSeconds(2), "after-poison", 0);
        load.await();
        assertEveryAcceptedCommentDecidedExactlyOnce("poison records on every input topic", load);
        String token = api.moderatorToken(stack.moderatorUser(), stack.moderatorPassword());
        Api.Reply rules = api.get("/api/moderation/rules", token);
        assertThat(rules.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = new LinkedHashMap<>(JsonMapper.shared().convertValue(rules.body(), Map.class));
        changed.put("maxLinks", ((Number) changed.get("maxLinks")).intValue() + 1);
        Api.Reply put = api.put("/api/moderation/rules", changed, token);
        assertThat(put.status())
                .as("rule change after a poison record on the rule topic: %s", put)
                .isEqualTo(200);
        assertThat(api.get("/api/moderation/rules", token)
                        .body()
                        .path("version")
                        .asLong())
                .isEqualTo(rules.body().path("version").asLong() + 1);
        System.out.printf("Fault poison records: parked on %s; consumers went on%n", parked);
    }

    private static void assertEveryAcceptedCommentDecidedExactlyOnce(String fault, CommentLoad load) {
        long waitStarted = System.nanoTime();
        List<String> accepted = load.acceptedIds();
        awaitAllDecided(api, accepted, Duration.ofMinutes(3));
        Map<String, Integer> decisions = DecisionLog.automaticDecisionsPerComment(stack.kafkaBootstrapServers());
        Map<String, Integer> wrong = DecisionLog.notDecidedExactlyOnce(decisions, new HashSet<>(accepted));
        long decided = accepted.stream()
                .filter(id -> decisions.getOrDefault(id, 0) > 0)
                .count();
        System.out.printf(
                "Fault %s: %d sent, %d accepted (2xx), %d decided, last answers %s, %d sent again, "
                        + "not decided exactly once: %s (all decided %d s after the load ended)%n",
                fault,
                load.posts().size(),
                accepted.size(),
                decided,
                load.statusCounts(),
                load.retried(),
                wrong,
                (System.nanoTime() - waitStarted) / 1_000_000_000);
        assertThat(accepted).as("some comments were accepted").isNotEmpty();
        assertThat(wrong).as("accepted comments lost (0) or decided twice (2+)").isEmpty();
    }

    /** The topics among {@code topics} that hold a record with {@code key}. */
    private static Set<String> topicsHoldingKey(List<String> topics, String key) {
        Set<String> found = new HashSet<>();
        TopicReader.readToEnd(stack.kafkaBootstrapServers(), topics, record -> {
            if (key.equals(record.key())) {
                found.add(record.topic().substring(0, record.topic().length() - Topics.DEAD_LETTER_SUFFIX.length()));
            }
        });
        return found;
    }

    private static long percentile(List<Long> values, int percentile) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
