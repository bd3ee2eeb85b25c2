package news.comments.articleservice.comment;

import news.comments.events.CommentStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the comment-status copy in step with comment-service, which owns each comment's status and
 * publishes every change of it. Reading the moderation decisions instead would mean re-deciding which
 * decision wins, and disagreeing with comment-service when a moderator decides before the rules do.
 * Unreadable records never reach this method: the shared error handler parks them on the DLT.
 */
@Component
public class CommentStatusListener {

    private static final Logger log = LoggerFactory.getLogger(CommentStatusListener.class);

    private final CommentStatuses statuses;

    public CommentStatusListener(CommentStatuses statuses) {
        this.statuses = statuses;
    }

    // group id: spring.kafka.consumer.group-id (article-service)
    @KafkaListener(topics = "#{T(news.comments.events.Topics).COMMENT_STATUS.name()}")
    public void on(CommentStatusChanged change) {
        boolean kept = statuses.record(change);
        log.debug("Comment {} of article {} is {} (version {}){}", change.commentId(), change.articleId(),
                change.status(), change.version(), kept ? "" : ": older than the copy, ignored");
    }
}
