package news.comments.articleservice.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import news.comments.events.ArticleState;
import org.junit.jupiter.api.Test;

class ArticleTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final Article fresh = Article.publish(UUID.randomUUID(), "Title", "Body", null, "mod", NOW);

    @Test
    void aPublishedArticleIsOpenAtVersionOne() {
        assertThat(fresh.version()).isEqualTo(1);
        assertThat(fresh.publishedAt()).isEqualTo(NOW);
        assertThat(fresh.updatedAt()).isEqualTo(NOW);
        assertThat(fresh.commentsOpenAt(NOW)).isTrue();
    }

    @Test
    void closingSetsClosedAtAndBumpsTheVersionWithUpdatedAtEqualToClosedAt() {
        Instant later = NOW.plusSeconds(60);
        Article closed = fresh.close(later, "mod", "off-topic");

        assertThat(closed.closedAt()).isEqualTo(later);
        assertThat(closed.updatedAt()).isEqualTo(later);
        assertThat(closed.version()).isEqualTo(2);
        assertThat(closed.commentsOpenAt(later)).isFalse();
        assertThat(closed.closeReason()).isEqualTo("off-topic");
    }

    @Test
    void commentsCloseWhenTheAutoCloseMomentIsReached() {
        Instant autoClose = NOW.plus(Duration.ofHours(1));
        Article article = Article.publish(UUID.randomUUID(), "T", "B", autoClose, "mod", NOW);

        assertThat(article.commentsOpenAt(autoClose.minusNanos(1000))).isTrue();
        assertThat(article.commentsOpenAt(autoClose)).isFalse();
    }

    @Test
    void reopeningClearsTheCloseAndAnAutoCloseThatHasPassedButKeepsAFutureOne() {
        Instant future = NOW.plus(Duration.ofDays(1));
        Article withFutureAutoClose = Article.publish(UUID.randomUUID(), "T", "B", future, "mod", NOW)
                .close(NOW.plusSeconds(1), "mod", null)
                .reopen(NOW.plusSeconds(2));
        assertThat(withFutureAutoClose.closedAt()).isNull();
        assertThat(withFutureAutoClose.autoCloseAt()).isEqualTo(future);
        assertThat(withFutureAutoClose.version()).isEqualTo(3);

        Article autoClosed = Article.publish(UUID.randomUUID(), "T", "B", NOW.plusSeconds(10), "mod", NOW);
        Article reopened = autoClosed.reopen(NOW.plusSeconds(20));
        assertThat(reopened.autoCloseAt()).isNull();
        assertThat(reopened.commentsOpenAt(NOW.plusSeconds(20))).isTrue();
    }

    @Test
    void theSnapshotCarriesTheManualStateAndTheAutoCloseDate() {
        Instant autoClose = NOW.plus(Duration.ofDays(2));
        Article closed = Article.publish(UUID.randomUUID(), "T", "B", autoClose, "mod", NOW)
                .close(NOW.plusSeconds(5), "mod", null);

        ArticleState state = closed.toState();

        assertThat(state.articleId()).isEqualTo(closed.id());
        assertThat(state.title()).isEqualTo("T");
        assertThat(state.commentsOpen()).isFalse();
        assertThat(state.closedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(state.autoCloseAt()).isEqualTo(autoClose);
        assertThat(state.version()).isEqualTo(2);
        assertThat(state.updatedAt()).isEqualTo(state.closedAt());
        assertThat(fresh.toState().commentsOpen()).isTrue();
    }

    @Test
    void theResponseJudgesCommentsOpenAtTheMomentOfTheRequest() {
        Article article = Article.publish(UUID.randomUUID(), "T", "B", NOW.plusSeconds(10), "mod", NOW);

        assertThat(ArticleResponse.of(new CountedArticle(article, 3), NOW).commentsOpen())
                .isTrue();
        ArticleResponse later = ArticleResponse.of(new CountedArticle(article, 3), NOW.plusSeconds(10));
        assertThat(later.commentsOpen()).isFalse();
        assertThat(later.closedAt()).isNull();
        assertThat(later.commentCount()).isEqualTo(3);
    }
}
