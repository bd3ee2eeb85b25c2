package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.CommentStatusChanged;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import news.comments.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A comment's trace crosses Kafka both ways: the submission's record (sent later by the outbox relay, on
 * another thread) continues the trace of the POST that wrote it, and a decision record's trace continues
 * in its landing (a batch listener) and in the status change that landing sends.
 */
class TracingIntegrationTest extends IntegrationTestBase {

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void theSubmittedRecordCarriesThePostsTraceThroughTheOutbox() {
        UUID articleId = openArticle();
        String traceId = randomHex(32);
        String clientSpanId = randomHex(16);

        String body = JSON.writeValueAsString(Map.of("author", "Ann", "text", "Traced words"));
        var response = post(
                "/api/articles/" + articleId + "/comments",
                body,
                "traceparent",
                "00-" + traceId + "-" + clientSpanId + "-01");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        UUID commentId = UUID.fromString(json(response).get("id").asString());

        ConsumerRecord<String, byte[]> submitted = awaitRecord(
                Topics.COMMENT_SUBMITTED.name(),
                r -> IntegrationTestBase.<CommentSubmitted>value(r).commentId().equals(commentId));
        String[] traceparent = traceparentOf(submitted).split("-");
        assertThat(traceparent[1]).as("the record's trace id").isEqualTo(traceId);
        assertThat(traceparent[3]).as("sampled").isEqualTo("01");

        // The record's parent is the relay's send span, a child of the POST's server span, a child of the client.
        SpanData send = awaitSpan(s -> s.getSpanId().equals(traceparent[2]));
        assertThat(send.getTraceId()).isEqualTo(traceId);
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getName()).isEqualTo(Topics.COMMENT_SUBMITTED.name() + " send");
        SpanData server = awaitSpan(s -> s.getSpanId().equals(send.getParentSpanId()));
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(clientSpanId);
    }

    @Test
    void aDecisionsTraceContinuesInItsLandingAndInTheStatusChangeItCauses() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Bo", "Fine words", null);
        String traceId = randomHex(32);
        String moderationSpanId = randomHex(16);

        CommentModerated decision =
                decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, Instant.now());
        var record = new ProducerRecord<String, Object>(
                Topics.COMMENT_MODERATED.name(),
                null,
                decision.occurredAt().toEpochMilli(),
                decision.partitionKey(),
                decision);
        record.headers()
                .add(
                        "traceparent",
                        ("00-" + traceId + "-" + moderationSpanId + "-01").getBytes(StandardCharsets.UTF_8));
        try {
            events.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        awaitStatus(commentId, "APPROVED");

        SpanData landing = awaitSpan(s -> s.getTraceId().equals(traceId));
        assertThat(landing.getName()).isEqualTo("decision landing");
        assertThat(landing.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(landing.getParentSpanId()).isEqualTo(moderationSpanId);

        // The status change the decision caused leaves through the outbox in the same trace: its record's
        // parent is the relay's send span, a child of the landing span.
        ConsumerRecord<String, byte[]> changed = awaitRecord(
                Topics.COMMENT_STATUS.name(),
                r -> IntegrationTestBase.<CommentStatusChanged>value(r)
                        .commentId()
                        .equals(commentId));
        String[] traceparent = traceparentOf(changed).split("-");
        assertThat(traceparent[1]).as("the status change's trace id").isEqualTo(traceId);
        SpanData send = awaitSpan(s -> s.getSpanId().equals(traceparent[2]));
        assertThat(send.getName()).isEqualTo(Topics.COMMENT_STATUS.name() + " send");
        assertThat(send.getParentSpanId()).isEqualTo(landing.getSpanId());
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(
            String topic, java.util.function.Predicate<ConsumerRecord<String, byte[]>> which) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> recordsOn(topic).stream().filter(which).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> which) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(which)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static String traceparentOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header on " + record.topic()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String randomHex(int length) {
        String hex = UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        return hex.substring(0, length);
    }
}
