package news.comments.commentservice.article;

import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.web.problem.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Looks articles up in the local copy (through {@link RecentArticles}), answering 404 for one this
 * service has never heard of.
 */
@Component
public class Articles {

    private final ArticleCopyRepository copies;
    private final RecentArticles recent;
    private final ArticleArrivals arrivals;

    Articles(ArticleCopyRepository copies, RecentArticles recent, ArticleArrivals arrivals) {
        this.copies = copies;
        this.recent = recent;
        this.arrivals = arrivals;
    }

    /**
     * The article, waiting briefly for a snapshot that is still on its way (see {@link ArticleArrivals}).
     * Call it outside a transaction: the wait must not hold a database connection.
     */
    public ArticleState require(UUID articleId) {
        return recent.get(articleId, copies::find)
                .or(() -> arrivals.await(articleId, () -> copies.find(articleId)))
                .orElseThrow(() -> notFound(articleId));
    }

    private static ProblemException notFound(UUID articleId) {
        return ProblemException.notFound("No article " + articleId);
    }
}
