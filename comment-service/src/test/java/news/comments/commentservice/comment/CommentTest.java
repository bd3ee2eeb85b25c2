package news.comments.commentservice.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommentTest {

    private final UUID article = UUID.randomUUID();
    private final UUID parent = UUID.randomUUID();
    private final Comment stored = new Comment(
            UUID.randomUUID(),
            article,
            parent,
            "Ann",
            "Hello",
            CommentStatus.PENDING,
            List.of(),
            Instant.parse("2024-08-11T10:00:00Z"));

    @Test
    void aRetryIsTheSameRequestOnlyWhenArticleAuthorTextAndParentAllMatch() {
        assertThat(stored.sameAs(article, new NewComment("Ann", "Hello", parent)))
                .isTrue();
        assertThat(stored.sameAs(UUID.randomUUID(), new NewComment("Ann", "Hello", parent)))
                .isFalse();
        assertThat(stored.sameAs(article, new NewComment("Bob", "Hello", parent)))
                .isFalse();
        assertThat(stored.sameAs(article, new NewComment("Ann", "Hello!", parent)))
                .isFalse();
        assertThat(stored.sameAs(article, new NewComment("Ann", "Hello", null))).isFalse();
    }
}
