package news.comments.articleservice.comment;

import java.util.List;
import news.comments.events.CommentStatusChanged;
import news.comments.support.kafka.KafkaBatches;
import news.comments.support.tracing.Traceparents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Keeps the comment-status copy in step with comment-service, which owns each comment's status and
 * publishes every change of it. Reading the moderation decisions instead would mean re-deciding which
 * decision wins, and disagreeing with comment-service when a moderator decides before the rules do.
 *
 * <p>A whole poll is kept with one statement; if that fails, the changes are kept one by one, so one
 * that cannot be kept is retried and then parked on the DLT by the shared error handler. A record without
 * a status change (unreadable, or a tombstone) goes to the DLT; the records after it come again with the
 * next poll.
 *
 * <p>A status change that carries a sampled trace gets a span of its own, a child of its record's
 * {@code traceparent}, for the keeping of its batch.
 */
@Component
public class CommentStatusListener {

    private static final Logger log = LoggerFactory.getLogger(CommentStatusListener.class);

    private final CommentStatuses statuses;
    private final Traceparents traces;

    public CommentStatusListener(CommentStatuses statuses, Traceparents traces) {
        this.statuses = statuses;
        this.traces = traces;
    }

    @KafkaListener(
            id = "comment-statuses",
            groupId = "${spring.kafka.consumer.group-id}",
            topics = "#{T(news.comments.events.Topics).COMMENT_STATUS.name()}",
            containerFactory = KafkaBatches.LISTENER_FACTORY)
    public void on(List<ConsumerRecord<String, CommentStatusChanged>> records) {
        traces.inRecordSpans(records, "comment status copy", () -> {
            int usable = KafkaBatches.firstWithoutValue(records);
            keep(records.subList(0, usable));
            if (usable < records.size()) {
                throw KafkaBatches.deadLetter(records, usable);
            }
        });
    }

    private void keep(List<ConsumerRecord<String, CommentStatusChanged>> records) {
        if (records.isEmpty()) {
            return;
        }
        List<CommentStatusChanged> changes =
                records.stream().map(ConsumerRecord::value).toList();
        try {
            int kept = statuses.recordAll(changes);
            log.debug(
                    "Kept {} of {} comment status changes (the others were older than the copy)", kept, changes.size());
            return;
        } catch (RuntimeException e) {
            log.warn(
                    "{} status changes could not be kept together; keeping them one by one: {}",
                    changes.size(),
                    e.toString());
        }
        for (int i = 0; i < changes.size(); i++) {
            try {
                statuses.record(changes.get(i));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(
                        "status change of comment " + changes.get(i).commentId() + " could not be kept", e, i);
            }
        }
    }
}
