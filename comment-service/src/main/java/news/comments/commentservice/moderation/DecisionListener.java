package news.comments.commentservice.moderation;

import news.comments.events.CommentModerated;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes decisions once per service (shared group); failures go to the DLT via the shared error handler. */
@Component
class DecisionListener {

    private final DecisionLanding landing;

    DecisionListener(DecisionLanding landing) {
        this.landing = landing;
    }

    @KafkaListener(id = "decisions", topics = "comments.moderated.v1", groupId = "${spring.kafka.consumer.group-id}")
    void on(ConsumerRecord<String, CommentModerated> record) {
        if (record.value() != null) {
            landing.land(record.value());
        }
    }
}
