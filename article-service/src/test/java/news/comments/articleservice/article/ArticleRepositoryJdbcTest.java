package news.comments.articleservice.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import news.comments.articleservice.comment.CommentStatuses;
import news.comments.events.CommentStatusChanged;
import news.comments.events.Decision;
import news.comments.testsupport.EmbeddedPostgresDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The article table on the real schema (the service's Flyway migrations and the outbox's) in a real
 * PostgreSQL. Each test runs in a transaction that is rolled back.
 */
@JdbcTest(properties = "spring.flyway.locations=classpath:db/migration,classpath:db/outbox")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ArticleRepository.class, CommentStatuses.class})
class ArticleRepositoryJdbcTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabases.jdbcUrl("articles_slice"));
        registry.add("spring.datasource.username", EmbeddedPostgresDatabases::username);
        registry.add("spring.datasource.password", EmbeddedPostgresDatabases::password);
    }

    @Autowired
    ArticleRepository articles;

    @Autowired
    CommentStatuses statuses;

    @Test
    void anInsertedArticleReadsBackExactlyAsStored() {
        Article article = new Article(
                UUID.randomUUID(),
                "Election night",
                "Results as they come in.",
                T0,
                "mod-1",
                T0.plusSeconds(10),
                "mod-2",
                "spam wave",
                T0.plusSeconds(3600),
                2,
                T0.plusSeconds(10));
        articles.insert(article);

        assertThat(articles.findCounted(article.id())).contains(new CountedArticle(article, 0));
        assertThat(articles.findForUpdate(article.id())).contains(article);
    }

    @Test
    void anUnknownArticleIsNotFound() {
        assertThat(articles.findCounted(UUID.randomUUID())).isEmpty();
        assertThat(articles.findForUpdate(UUID.randomUUID())).isEmpty();
    }

    @Test
    void theCommentCountIsTheNumberOfApprovedCommentsOfThatArticleOnly() {
        Article article = published(T0);
        Article other = published(T0);
        articles.insert(article);
        articles.insert(other);
        statuses.recordAll(List.of(
                status(article, Decision.APPROVED),
                status(article, Decision.APPROVED),
                status(article, Decision.HELD),
                status(article, Decision.REJECTED),
                status(other, Decision.APPROVED)));

        assertThat(articles.findCounted(article.id()).orElseThrow().commentCount())
                .isEqualTo(2);
        assertThat(articles.findPage(0, 10))
                .extracting(CountedArticle::commentCount)
                .containsExactlyInAnyOrder(2L, 1L);
    }

    @Test
    void pagesAreNewestFirstAndCountEveryArticle() {
        Article oldest = published(T0);
        Article middle = published(T0.plusSeconds(60));
        Article newest = published(T0.plusSeconds(120));
        articles.insert(middle);
        articles.insert(newest);
        articles.insert(oldest);

        assertThat(articles.findPage(0, 2)).extracting(c -> c.article().id()).containsExactly(newest.id(), middle.id());
        assertThat(articles.findPage(1, 2)).extracting(c -> c.article().id()).containsExactly(oldest.id());
        assertThat(articles.findPage(2, 2)).isEmpty();
        assertThat(articles.count()).isEqualTo(3);
    }

    @Test
    void articlesPublishedAtTheSameMomentAreOrderedByIdSoPagesNeitherRepeatNorSkip() {
        List<Article> same = List.of(published(T0), published(T0), published(T0));
        same.forEach(articles::insert);
        // PostgreSQL orders uuids byte by byte, as their lower-case text sorts
        List<UUID> idDescending = same.stream()
                .map(Article::id)
                .sorted(Comparator.comparing(UUID::toString).reversed())
                .toList();

        List<UUID> firstPage =
                articles.findPage(0, 2).stream().map(c -> c.article().id()).toList();
        List<UUID> secondPage =
                articles.findPage(1, 2).stream().map(c -> c.article().id()).toList();

        assertThat(firstPage).containsExactlyElementsOf(idDescending.subList(0, 2));
        assertThat(secondPage).containsExactlyElementsOf(idDescending.subList(2, 3));
    }

    @Test
    void aPolicyChangeIsStoredWithItsNewVersion() {
        Article article = published(T0);
        articles.insert(article);

        Article closed = article.close(T0.plusSeconds(5), "mod-2", "off topic");
        articles.updatePolicy(closed);
        assertThat(articles.findForUpdate(article.id())).contains(closed);

        Article reopened = closed.reopen(T0.plusSeconds(9));
        articles.updatePolicy(reopened);
        assertThat(articles.findCounted(article.id()).orElseThrow().article()).isEqualTo(reopened);
        assertThat(reopened.version()).isEqualTo(3);
    }

    @Test
    void aChangeBasedOnAnOlderVersionIsRefusedAndChangesNothing() {
        Article article = published(T0);
        articles.insert(article);
        articles.updatePolicy(article.close(T0.plusSeconds(5), "mod-2", null)); // now version 2

        Article lost = article.close(T0.plusSeconds(6), "mod-3", "late"); // also version 2, based on 1
        assertThatThrownBy(() -> articles.updatePolicy(lost))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed concurrently");
        assertThat(articles.findForUpdate(article.id()).orElseThrow().closedBy())
                .isEqualTo("mod-2");
    }

    private static Article published(Instant at) {
        return Article.publish(UUID.randomUUID(), "Title", "Body", null, "mod-1", at);
    }

    private static CommentStatusChanged status(Article article, Decision status) {
        return new CommentStatusChanged(UUID.randomUUID(), article.id(), status, null, 1, T0);
    }
}
