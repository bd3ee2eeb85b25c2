package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import org.junit.jupiter.api.Test;

class OperationsIntegrationTest extends IntegrationTestBase {

    @Test
    void livenessAndReadinessProbesAreUp() {
        assertThat(get("/actuator/health/liveness").body()).contains("\"UP\"");
        assertThat(get("/actuator/health/readiness").body()).contains("\"UP\"");
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusMetricsAreExposedIncludingOpenStreams() {
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("comments_stream_watchers").contains("jvm_memory_used_bytes");
    }

    @Test
    void prometheusReportsParkedOutboxRowsTheOldestUnsentAgeAndFailures() {
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("outbox_events_parked")
                .contains("outbox_events_oldest_age_seconds")
                .contains("outbox_events_failed_total{")
                .contains("kind=\"refused\"")
                .contains("kind=\"transient\"")
                .contains("outbox_events_pending");
    }

    @Test
    void prometheusReportsTheConsumerLagOfBothListenersAndTheLandedDecisions() {
        // A decision of its own, landed: the test does not depend on what other tests of the shared context did.
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Ops", "A comment to land", null);
        publish(decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
        awaitStatus(commentId, "APPROVED");
        // Boot adds spring-kafka's MicrometerConsumerListener to the consumer factory; Micrometer binds the
        // per-partition metrics as they appear (it looks for new ones every minute).
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> assertThat(get("/actuator/prometheus").body())
                                .containsPattern(
                                        "(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*topic=\"comments\\.moderated\\.v1\"[^}]*\\} [0-9]")
                                .containsPattern(
                                        "(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*topic=\"articles\\.state\\.v1\"[^}]*\\} [0-9]"));
        String metrics = get("/actuator/prometheus").body();
        // client_id is consumer-comment-service-<n>: the group, one per listener container.
        assertThat(metrics)
                .containsPattern(
                        "kafka_consumer_fetch_manager_records_lag\\{client_id=\"consumer-comment-service-[0-9]+\"");
        assertThat(metrics)
                .contains("comments_decisions_landed_total{")
                .contains("outcome=\"applied\"")
                .contains("comments_decision_landing_delay_seconds_bucket{");
    }
}
