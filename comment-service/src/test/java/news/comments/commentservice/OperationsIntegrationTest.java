package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;

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
                .contains("kind=\"transient\"");
    }
}
