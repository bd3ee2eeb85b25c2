package news.comments.commentservice.moderation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import news.comments.events.CommentModerated;
import news.comments.support.kafka.KafkaBatches;
import news.comments.support.tracing.Traceparents;
import news.comments.support.tracing.Traceparents.RecordSpans;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes decisions once per service (shared group), a whole poll at a time: the decisions land together
 * in one transaction. If that fails, they land one by one, so a decision that cannot land is retried and
 * then parked on the DLT by the shared error handler, while the ones before it stay landed. An unreadable
 * record goes to the DLT too; the records after it come again with the next poll. A tombstone has nothing
 * to land.
 *
 * <p>Each decision that carries a sampled trace (the comment's, from its submission through moderation) gets
 * a span of its own, a child of its record's {@code traceparent}, for the landing of its batch; the status
 * change it causes keeps that span's context in the outbox, so the trace goes on to article-service.
 */
@Component
class DecisionListener {

    private static final Logger log = LoggerFactory.getLogger(DecisionListener.class);

    private final DecisionLanding landing;
    private final LandingMetrics metrics;
    private final Traceparents traces;

    DecisionListener(DecisionLanding landing, LandingMetrics metrics, Traceparents traces) {
        this.landing = landing;
        this.metrics = metrics;
        this.traces = traces;
    }

    @KafkaListener(
            id = "decisions",
            topics = "comments.moderated.v1",
            groupId = "${spring.kafka.consumer.group-id}",
            containerFactory = KafkaBatches.LISTENER_FACTORY)
    void on(List<ConsumerRecord<String, CommentModerated>> records) {
        traces.inRecordSpans(records, "decision landing", spans -> {
            int readable = KafkaBatches.firstUnreadable(records);
            land(records.subList(0, readable), spans);
            if (readable < records.size()) {
                throw KafkaBatches.deadLetter(records, readable);
            }
        });
    }

    private void land(List<ConsumerRecord<String, CommentModerated>> records, RecordSpans spans) {
        List<CommentModerated> decisions = new ArrayList<>(records.size());
        List<String> traceparents = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            CommentModerated decision = records.get(i).value();
            if (decision != null) {
                decisions.add(decision);
                traceparents.add(spans.traceparentOf(i));
            }
        }
        if (decisions.isEmpty()) {
            return;
        }
        try {
            metrics.count(decisions, landing.land(decisions, traceparents));
            return;
        } catch (RuntimeException e) {
            log.warn(
                    "{} decisions could not land together; landing them one by one: {}",
                    decisions.size(),
                    e.toString());
        }
        for (int i = 0; i < records.size(); i++) {
            CommentModerated decision = records.get(i).value();
            if (decision == null) {
                continue;
            }
            try {
                List<CommentModerated> one = List.of(decision);
                metrics.count(one, landing.land(one, Collections.singletonList(spans.traceparentOf(i))));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("decision " + decision.decisionId() + " could not land", e, i);
            }
        }
    }
}
