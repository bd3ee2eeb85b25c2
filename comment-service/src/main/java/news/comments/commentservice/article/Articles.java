package news.comments.commentservice.article;

import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.support.web.ProblemException;
import org.springframework.stereotype.Component;

/** Looks articles up in the local copy, answering 404 for one this service has never heard of. */
@Component
public class Articles {

    private final ArticleCopyRepository copies;

    Articles(ArticleCopyRepository copies) {
        this.copies = copies;
    }

    public ArticleState require(UUID articleId) {
        return copies.find(articleId).orElseThrow(() -> ProblemException.notFound("No article " + articleId));
    }
}
