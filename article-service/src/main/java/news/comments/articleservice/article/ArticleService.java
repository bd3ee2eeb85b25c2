package news.comments.articleservice.article;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import news.comments.events.Topics;
import news.comments.support.outbox.Outbox;
import news.comments.web.problem.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes, closes and reopens articles. Each change and its ArticleState snapshot are written in one
 * transaction (the snapshot through the outbox), so other services see every change exactly as stored.
 */
@Service
public class ArticleService {

    private final ArticleRepository articles;
    private final Outbox outbox;
    private final Clock clock;

    public ArticleService(ArticleRepository articles, Outbox outbox, Clock clock) {
        this.articles = articles;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public CountedArticle publish(NewArticleRequest request, String moderator) {
        Article article = Article.publish(
                UUID.randomUUID(),
                request.title(),
                request.body(),
                toStoredPrecision(request.autoCloseAt()),
                moderator,
                now());
        articles.insert(article);
        outbox.publish(Topics.ARTICLE_STATE, article.toState());
        return new CountedArticle(article, 0);
    }

    /** Closes the thread; closing a thread a moderator already closed changes nothing. */
    @Transactional
    public CountedArticle close(UUID id, String moderator, String reason) {
        Article current = lock(id);
        if (!current.closedManually()) {
            store(current.close(now(), moderator, reason));
        }
        return counted(id);
    }

    /** Opens the thread again; reopening a thread that is open changes nothing. */
    @Transactional
    public CountedArticle reopen(UUID id) {
        Article current = lock(id);
        Instant now = now();
        if (!current.commentsOpenAt(now)) {
            store(current.reopen(now));
        }
        return counted(id);
    }

    @Transactional(readOnly = true)
    public CountedArticle get(UUID id) {
        return counted(id);
    }

    @Transactional(readOnly = true)
    public ArticlePage page(int page, int size) {
        Instant now = clock.instant();
        var items = articles.findPage(page, size).stream()
                .map(a -> ArticleResponse.of(a, now))
                .toList();
        return new ArticlePage(items, page, size, articles.count());
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void store(Article changed) {
        articles.updatePolicy(changed);
        outbox.publish(Topics.ARTICLE_STATE, changed.toState());
    }

    private Article lock(UUID id) {
        return articles.findForUpdate(id).orElseThrow(() -> notFound(id));
    }

    private CountedArticle counted(UUID id) {
        return articles.findCounted(id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No article " + id + ".");
    }

    /** PostgreSQL keeps microseconds; cutting here makes the published snapshot equal the stored row. */
    private static Instant toStoredPrecision(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
