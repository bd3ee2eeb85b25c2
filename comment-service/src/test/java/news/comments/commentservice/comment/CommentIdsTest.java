package news.comments.commentservice.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommentIdsTest {

    private final CommentIds ids = new CommentIds();

    @Test
    void idsMadeInTheSameMillisecondStillIncrease() {
        Instant now = Instant.parse("2026-12-02T12:00:00.123456Z");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            made.add(ids.next(now).toString());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aLaterSubmissionGetsALargerIdThatStartsWithItsTime() {
        Instant earlier = Instant.parse("2026-12-02T12:00:00.123Z");
        Instant later = earlier.plusMillis(1);

        UUID first = ids.next(earlier);
        UUID second = ids.next(later);

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(earlier.toEpochMilli());
        assertThat(second.getMostSignificantBits() >>> 16).isEqualTo(later.toEpochMilli());
        assertThat(second.toString()).isGreaterThan(first.toString());
    }
}
