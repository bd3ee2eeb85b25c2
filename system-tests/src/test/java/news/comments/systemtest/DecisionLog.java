package news.comments.systemtest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import news.comments.events.CommentModerated;
import news.comments.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The decision topic as any consumer sees it (committed transactions only), read from the start:
 * how many automatic decisions each comment got. "Decided twice" shows here, whatever the
 * services' own idempotent landing hides.
 */
final class DecisionLog {

    private DecisionLog() {}

    /** Automatic (RULES) decisions per comment id, over the whole topic as it is now. */
    static Map<String, Integer> automaticDecisionsPerComment(String bootstrapServers) {
        Map<String, Integer> counts = new HashMap<>();
        Deserializer<CommentModerated> values =
                Topics.COMMENT_MODERATED.valueSerde().deserializer();
        TopicReader.readToEnd(bootstrapServers, List.of(Topics.COMMENT_MODERATED.name()), record -> {
            CommentModerated decision = readable(values, record);
            if (decision != null && CommentModerated.RULES.equals(decision.decidedBy())) {
                counts.merge(decision.commentId().toString(), 1, Integer::sum);
            }
        });
        return counts;
    }

    /** The decision, or null for a record no consumer can read (the poison test puts some there). */
    static CommentModerated readable(Deserializer<CommentModerated> values, ConsumerRecord<String, byte[]> record) {
        try {
            return values.deserialize(record.topic(), record.headers(), record.value());
        } catch (SerializationException unreadable) {
            return null;
        }
    }

    /** The comments among {@code ids} that do not have exactly one automatic decision, with their count. */
    static Map<String, Integer> notDecidedExactlyOnce(Map<String, Integer> decisions, Set<String> ids) {
        return ids.stream()
                .filter(id -> decisions.getOrDefault(id, 0) != 1)
                .collect(Collectors.toMap(id -> id, id -> decisions.getOrDefault(id, 0)));
    }
}
