package news.comments.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class IsoInstantsTest {

    @Test
    void readsEveryInstantAsInstantParseDoesWhateverItsFraction() {
        Random random = new Random(3);
        for (int n = 0; n < 50_000; n++) {
            long seconds = random.nextLong(-62_000_000_000L, 253_000_000_000L); // years 0035 to 9987
            int nanos = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(IsoInstants.parseUtc(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesAnythingButTheCanonicalFormToTheGeneralParser() {
        for (String other : new String[] {
            "2026-12-03T10:15:30+01:00",
            "2026-12-03T10:15Z",
            "2026-12-03T10:15:60Z",
            "2026-02-30T10:15:30Z",
            "2026-12-03T24:00:00Z",
            "2026-12-03T10:15:30.Z",
            "2026-12-03T10:15:30.1234567890Z",
            "+12026-12-03T10:15:30Z",
            "2026-12-03 10:15:30Z",
            "2026-12-03T10:15:3xZ",
            "not a time at all, no"
        }) {
            assertThat(IsoInstants.parseUtc(other)).as(other).isNull();
        }
    }

    @Test
    void anEventReadsTheSameInstantsAndRefusesTheSameGarbageAsBefore() {
        String offset = "{\"commentId\":\"00000000-0000-0000-0000-000000000001\","
                + "\"articleId\":\"00000000-0000-0000-0000-000000000002\",\"author\":\"a\",\"text\":\"t\","
                + "\"submittedAt\":\"2026-12-03T10:15:30+01:00\"}";
        CommentSubmitted read = EventJson.MAPPER.readValue(offset, CommentSubmitted.class);
        assertThat(read.submittedAt()).isEqualTo(Instant.parse("2026-12-03T09:15:30Z"));

        String garbage = offset.replace("2026-12-03T10:15:30+01:00", "yesterday");
        assertThatThrownBy(() -> EventJson.MAPPER.readValue(garbage, CommentSubmitted.class))
                .isInstanceOf(JacksonException.class);
    }
}
