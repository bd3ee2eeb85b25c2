package news.comments.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ArticleStateTest {

    private static final Instant CLOSE = Instant.parse("2026-11-25T12:00:00Z");

    private ArticleState closedAt(Instant closedAt) {
        return new ArticleState(UUID.randomUUID(), "t", false, closedAt, null, 2, closedAt);
    }

    @Test
    void aCommentAtOrAfterTheManualCloseIsNotAccepted() {
        ArticleState closed = closedAt(CLOSE);

        assertThat(closed.acceptsCommentsAt(CLOSE.minusNanos(1000))).isTrue();
        assertThat(closed.acceptsCommentsAt(CLOSE)).isFalse();
        assertThat(closed.acceptsCommentsAt(CLOSE.plusSeconds(1))).isFalse();
        assertThat(closed.effectiveCloseAt(CLOSE)).isEqualTo(CLOSE);
    }

    @Test
    void aCommentAtOrAfterTheAutoCloseDateIsNotAccepted() {
        var open = new ArticleState(UUID.randomUUID(), "t", true, null, CLOSE, 1, CLOSE.minusSeconds(60));

        assertThat(open.acceptsCommentsAt(CLOSE.minusMillis(1))).isTrue();
        assertThat(open.acceptsCommentsAt(CLOSE)).isFalse();
        assertThat(open.effectiveCloseAt(CLOSE.plusSeconds(5))).isEqualTo(CLOSE);
        assertThat(open.effectiveCloseAt(CLOSE.minusSeconds(5))).isNull();
    }

    @Test
    void aClosedSnapshotMustSayWhenItClosed() {
        assertThatThrownBy(() -> new ArticleState(UUID.randomUUID(), "t", false, null, null, 1, CLOSE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
