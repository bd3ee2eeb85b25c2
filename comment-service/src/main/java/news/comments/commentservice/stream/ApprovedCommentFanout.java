package news.comments.commentservice.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import news.comments.commentservice.comment.CommentRepository;
import news.comments.commentservice.comment.CommentStatus;
import news.comments.commentservice.comment.CommentViews;
import news.comments.commentservice.moderation.LandedDecisions;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every instance reads every decision (all partitions, no consumer group) because a decision lands on
 * only one instance, while the readers watching the thread may be connected to any of them. The landing
 * instance may not have committed yet, so an approval is pushed once the database shows it landed and is the
 * comment's current decision; it is re-checked on the scheduler rather than blocking the consumer.
 */
@Component
class ApprovedCommentFanout {

    private static final Logger log = LoggerFactory.getLogger(ApprovedCommentFanout.class);

    private final CommentWatchers watchers;
    private final LandedDecisions landed;
    private final CommentRepository comments;
    private final TaskScheduler scheduler;
    private final Duration retryInterval;
    private final Duration giveUpAfter;

    ApprovedCommentFanout(
            CommentWatchers watchers,
            LandedDecisions landed,
            CommentRepository comments,
            TaskScheduler scheduler,
            StreamProperties properties) {
        this.watchers = watchers;
        this.landed = landed;
        this.comments = comments;
        this.scheduler = scheduler;
        this.retryInterval = properties.landingCheckInterval();
        this.giveUpAfter = properties.landingWait();
    }

    /** Called by the fan-out listener (see {@link StreamFanoutRegistration}) for every decision. */
    void on(ConsumerRecord<String, CommentModerated> record) {
        CommentModerated decision = record.value();
        if (decision == null || decision.decision() != Decision.APPROVED || !watchers.isWatched(decision.articleId())) {
            return;
        }
        scheduler.schedule(() -> pushWhenLanded(decision, Instant.now().plus(giveUpAfter)), Instant.now());
    }

    private void pushWhenLanded(CommentModerated decision, Instant deadline) {
        try {
            Optional<Boolean> current = landed.isCurrent(decision.commentId(), decision.decisionId());
            if (current.isEmpty()) {
                if (Instant.now().isBefore(deadline)) {
                    scheduler.schedule(
                            () -> pushWhenLanded(decision, deadline),
                            Instant.now().plus(retryInterval));
                } else {
                    log.warn("decision {} did not land within {}; not streamed", decision.decisionId(), giveUpAfter);
                }
                return;
            }
            if (current.get()) {
                comments.find(decision.commentId())
                        .filter(comment -> comment.status() == CommentStatus.APPROVED)
                        .ifPresent(comment -> watchers.push(comment.articleId(), CommentViews.Item.of(comment)));
            }
        } catch (RuntimeException e) {
            log.warn("could not stream decision {}: {}", decision.decisionId(), e.toString());
        }
    }
}
