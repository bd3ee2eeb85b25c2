package news.comments.articleservice.comment;

import news.comments.events.CommentModerated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the approved-comment copy in step with moderation decisions. Decisions on one article arrive
 * in order (the topic is keyed by article), so the latest decision on a comment always wins.
 * Unreadable records never reach this method: the shared error handler parks them on the DLT.
 */
@Component
public class CommentDecisionListener {

    private static final Logger log = LoggerFactory.getLogger(CommentDecisionListener.class);

    private final ApprovedComments approved;

    public CommentDecisionListener(ApprovedComments approved) {
        this.approved = approved;
    }

    // group id: spring.kafka.consumer.group-id (article-service)
    @KafkaListener(topics = "#{T(news.comments.events.Topics).COMMENT_MODERATED.name()}")
    public void on(CommentModerated decision) {
        log.debug("Decision {} on comment {} of article {}", decision.decision(), decision.commentId(),
                decision.articleId());
        switch (decision.decision()) {
            case APPROVED -> approved.approve(decision.commentId(), decision.articleId());
            case HELD, REJECTED, REMOVED -> approved.withdraw(decision.commentId());
        }
    }
}
