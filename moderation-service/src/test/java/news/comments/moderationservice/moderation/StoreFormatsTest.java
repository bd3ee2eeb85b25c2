package news.comments.moderationservice.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.events.Decision;
import news.comments.moderationservice.rules.AuthorHistory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StoreFormatsTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:15:30.123456789Z");

    @Test
    void aTrackComesBackAsItWasWrittenNullsAndNanosIncluded() {
        Serde<CommentTrack> serde = StoreFormats.tracks();
        CommentTrack full = new CommentTrack(
                UUID.randomUUID(),
                AT,
                "Zoë ✓",
                Decision.APPROVED,
                AT.plusSeconds(1),
                List.of("reporter:a", "r2"),
                true);
        CommentTrack sparse = new CommentTrack(UUID.randomUUID(), AT, null, null, null, List.of(), false);

        for (CommentTrack track : List.of(full, sparse)) {
            byte[] bytes = serde.serializer().serialize("store", track);
            assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(track);
        }
    }

    @Test
    void aTrackIsAFractionOfItsJson() {
        CommentTrack track = new CommentTrack(UUID.randomUUID(), AT, "reader", Decision.APPROVED, AT, List.of(), false);

        int binary = StoreFormats.tracks().serializer().serialize("s", track).length;
        int json = JsonSerde.of(CommentTrack.class).serializer().serialize("s", track).length;

        assertThat(binary).isLessThan(json / 2);
    }

    @Test
    void anAuthorHistoryComesBackAsItWasWritten() {
        Serde<AuthorHistory> serde = StoreFormats.authorHistory();
        AuthorHistory history = new AuthorHistory(
                List.of(new AuthorHistory.Past(AT, "key-1"), new AuthorHistory.Past(AT.plusSeconds(5), "key-2")), true);

        byte[] bytes = serde.serializer().serialize("store", history);

        assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(history);
    }

    @Test
    void anAuthorHistoryStoredAsJsonBeforeTheBinaryFormatIsStillRead() {
        String stored = "{\"recent\":[{\"submittedAt\":\"2026-11-25T10:00:00Z\",\"textKey\":\"abc\"}],"
                + "\"hasApproved\":true}";

        AuthorHistory history = StoreFormats.authorHistory()
                .deserializer()
                .deserialize("store", stored.getBytes(StandardCharsets.UTF_8));

        assertThat(history)
                .isEqualTo(new AuthorHistory(
                        List.of(new AuthorHistory.Past(Instant.parse("2026-11-25T10:00:00Z"), "abc")), true));
    }

    @Test
    void aValueInAnUnknownFormatIsRefusedRatherThanMisread() {
        assertThatThrownBy(() -> StoreFormats.tracks().deserializer().deserialize("store", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown store format 9");
    }
}
