package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;

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
    void prometheusReportsTheLandedDecisions() {
        // A decision of its own, landed: the test does not depend on what other tests of the shared context did.
        // The listeners' consumer lag series come from Boot's consumer factory, which these listeners use; that
        // is proven in service-support (ServiceSupportIntegrationTest), where waiting for Micrometer's first
        // rescan of the client's metrics (a minute) is paid once.
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Ops", "A comment to land", null);
        publish(decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
        awaitStatus(commentId, "APPROVED");
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("comments_decisions_landed_total{")
                .contains("outcome=\"applied\"")
                .contains("comments_decision_landing_delay_seconds_bucket{");
    }
}
