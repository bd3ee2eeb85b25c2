package news.comments.commentservice.article;

import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.support.web.ProblemException;
import org.springframework.stereotype.Component;

/** Looks articles up in the local copy, answering 404 for one this service has never heard of. */
@Component
public class Articles {

    private final ArticleCopyRepository copies;
    private final ArticleArrivals arrivals;

    Articles(ArticleCopyRepository copies, ArticleArrivals arrivals) {
        this.copies = copies;
        this.arrivals = arrivals;
    }

    /**
     * The article, waiting briefly for a snapshot that is still on its way (see {@link ArticleArrivals}).
     * Call it outside a transaction: the wait must not hold a database connection.
     */
    public ArticleState require(UUID articleId) {
        return copies.find(articleId)
                .or(() -> arrivals.await(articleId, () -> copies.find(articleId)))
                .orElseThrow(() -> notFound(articleId));
    }

    /** The article as the copy has it now, without waiting (inside a transaction, after {@link #require}). */
    public ArticleState requireNow(UUID articleId) {
        return copies.find(articleId).orElseThrow(() -> notFound(articleId));
    }

    private static ProblemException notFound(UUID articleId) {
        return ProblemException.notFound("No article " + articleId);
    }
}
