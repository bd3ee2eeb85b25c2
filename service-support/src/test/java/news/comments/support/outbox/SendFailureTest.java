package news.comments.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaProducerException;

class SendFailureTest {

    private static final ProducerRecord<String, byte[]> RECORD = new ProducerRecord<>("t", "k", new byte[0]);

    @Test
    void errorsKafkaMarksRetriableAreTransientEvenWhenSpringWrapsThem() {
        var failure = SendFailure.of(
                new KafkaProducerException(RECORD, "Failed to send", new TimeoutException("no metadata")));

        assertThat(failure.retriable()).isTrue();
        assertThat(failure.message()).isEqualTo("org.apache.kafka.common.errors.TimeoutException: no metadata");
    }

    @Test
    void everyOtherKafkaErrorIsARefusal() {
        assertThat(SendFailure.of(new KafkaProducerException(RECORD, "x", new RecordTooLargeException("big")))
                        .retriable())
                .isFalse();
        assertThat(SendFailure.of(new InvalidTopicException("bad name")).retriable())
                .isFalse();
        assertThat(SendFailure.of(new TopicAuthorizationException("no")).retriable())
                .isFalse();
    }

    @Test
    void theStoredMessageIsBounded() {
        assertThat(SendFailure.of(new RecordTooLargeException("x".repeat(5000))).message())
                .hasSize(1000);
    }
}
