package news.comments.moderationservice.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import news.comments.events.CommentReported;
import news.comments.events.Decision;
import org.junit.jupiter.api.Test;

class CommentTrackTest {

    @Test
    void aTrackStoredBeforeReportersWereToldApartKeepsItsReportsAfterAnUpgrade() {
        UUID articleId = UUID.randomUUID();
        UUID reportId = UUID.randomUUID();
        String stored = "{\"articleId\":\"" + articleId + "\",\"author\":\"a\",\"status\":\"APPROVED\","
                + "\"statusAt\":\"2026-11-25T10:00:00Z\",\"reportIds\":[\"" + reportId
                + "\"],\"hiddenByReports\":false}";

        CommentTrack track = JsonSerde.of(CommentTrack.class)
                .deserializer()
                .deserialize("store", stored.getBytes(StandardCharsets.UTF_8));

        assertThat(track.status()).isEqualTo(Decision.APPROVED);
        assertThat(track.reporters()).containsExactly(reportId.toString());
        CommentReported redelivered = new CommentReported(reportId, UUID.randomUUID(), articleId, "r", Instant.now());
        assertThat(track.withReport(redelivered).reporters())
                .as("the same old report counts once")
                .hasSize(1);
    }
}
