package news.comments.support.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import news.comments.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The dead-letter recoverer, counting what it parks: {@value #METER} by dead-letter topic
 * ({@code comments_dead_letters_total{topic="comments.moderated.v1.DLT"}}), counted once Kafka has
 * acknowledged the dead letter (a send that fails throws and is not counted). Every path to a DLT goes
 * through here: the listeners' error handler in every service and Kafka Streams' deserialization handler
 * in moderation-service. One counter per topic, kept; the topics are the contract's, a handful, each counted
 * from 0 at start-up.
 */
public class CountingDeadLetterRecoverer extends DeadLetterPublishingRecoverer {

    static final String METER = "comments.dead.letters";

    private final MeterRegistry meters;

    private final Map<String, Counter> byTopic = new ConcurrentHashMap<>();

    public CountingDeadLetterRecoverer(
            KafkaOperations<?, ?> template,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination,
            MeterRegistry meters) {
        super(template, destination);
        this.meters = meters;
        // Every contract topic's counter exists from the start at 0: Prometheus's increase() and rate() see
        // no increase in a series whose first sample is already 1, so an alert on the first dead letter of a
        // topic would never fire.
        Topics.ALL.forEach(topic -> counter(topic.deadLetterName()));
    }

    @Override
    protected void publish(
            ProducerRecord<Object, Object> outRecord,
            KafkaOperations<Object, Object> kafkaTemplate,
            ConsumerRecord<?, ?> inRecord) {
        super.publish(outRecord, kafkaTemplate, inRecord);
        counter(outRecord.topic()).increment();
    }

    private Counter counter(String deadLetterTopic) {
        return byTopic.computeIfAbsent(
                deadLetterTopic,
                topic -> Counter.builder(METER)
                        .description("Records parked on a dead-letter topic (acknowledged by Kafka), by that topic")
                        .tag("topic", topic)
                        .register(meters));
    }
}
