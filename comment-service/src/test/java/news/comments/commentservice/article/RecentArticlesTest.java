package news.comments.commentservice.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import news.comments.events.ArticleState;
import org.junit.jupiter.api.Test;

class RecentArticlesTest {

    private final UUID articleId = UUID.randomUUID();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile ArticleState stored = new ArticleState(articleId, "t", true, null, null, 1, Instant.now());
    private final Function<UUID, Optional<ArticleState>> copy = id -> {
        reads.incrementAndGet();
        return Optional.ofNullable(stored);
    };

    @Test
    void aBurstOnOneArticleReadsTheCopyOnce() {
        RecentArticles recent = new RecentArticles(Duration.ofMinutes(1), 100);

        for (int i = 0; i < 10; i++) {
            assertThat(recent.get(articleId, copy)).contains(stored);
        }

        assertThat(reads).hasValue(1);
    }

    @Test
    void aChangeStoredByAnotherInstanceIsSeenOnceTheEntryExpires() {
        RecentArticles recent = new RecentArticles(Duration.ofMillis(200), 100);
        recent.get(articleId, copy);
        ArticleState closed = new ArticleState(articleId, "t", false, Instant.now(), null, 2, Instant.now());
        stored = closed;

        await().atMost(Duration.ofSeconds(5))
                .until(() -> recent.get(articleId, copy).orElseThrow().equals(closed));
    }

    @Test
    void aForgottenArticleIsReadAgainAtOnce() {
        RecentArticles recent = new RecentArticles(Duration.ofMinutes(1), 100);
        recent.get(articleId, copy);

        stored = new ArticleState(articleId, "t", false, Instant.now(), null, 2, Instant.now());
        recent.forget(articleId);

        assertThat(recent.get(articleId, copy)).contains(stored);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anArticleNotYetInTheCopyIsNotRemembered() {
        RecentArticles recent = new RecentArticles(Duration.ofMinutes(1), 100);
        stored = null;
        assertThat(recent.get(articleId, copy)).isEmpty();

        stored = new ArticleState(articleId, "t", true, null, null, 1, Instant.now());

        assertThat(recent.get(articleId, copy)).contains(stored);
    }

    @Test
    void aZeroTtlReadsTheCopyEveryTime() {
        RecentArticles recent = new RecentArticles(Duration.ZERO, 100);

        recent.get(articleId, copy);
        recent.get(articleId, copy);

        assertThat(reads).hasValue(2);
    }
}
