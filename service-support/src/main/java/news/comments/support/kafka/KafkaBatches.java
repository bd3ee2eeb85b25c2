package news.comments.support.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * What a batch listener needs to keep the shared error handler's promises. A record listener never sees a
 * record that could not be read (the container hands it to the error handler); a batch listener gets it
 * in its list with a null value and must point at it itself, with a {@link BatchListenerFailedException}
 * carrying its index. The error handler then commits the records before it, sends it to
 * {@code <topic>.DLT} and delivers the records after it again.
 *
 * <p>Listeners of this kind use the container factory named {@link #LISTENER_FACTORY}: the shared
 * settings and error handler, with the whole poll in one call.
 */
public final class KafkaBatches {

    /** The bean name of the batch listener container factory ({@code containerFactory} of a listener). */
    public static final String LISTENER_FACTORY = "batchKafkaListenerContainerFactory";

    private static final LogAccessor log = new LogAccessor(KafkaBatches.class);

    private KafkaBatches() {}

    /** The index of the first record whose value could not be deserialized, or the batch's size if none. */
    public static int firstUnreadable(List<? extends ConsumerRecord<?, ?>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (isUnreadable(records.get(i))) {
                return i;
            }
        }
        return records.size();
    }

    /** The index of the first record without a value (unreadable, or a tombstone), or the batch's size if none. */
    public static int firstWithoutValue(List<? extends ConsumerRecord<?, ?>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).value() == null) {
                return i;
            }
        }
        return records.size();
    }

    /**
     * The exception that sends {@code records.get(index)} to the dead-letter topic at once: it will never read
     * differently, so retrying it would only hold the partition up. The records before it count as processed.
     */
    public static BatchListenerFailedException deadLetter(List<? extends ConsumerRecord<?, ?>> records, int index) {
        ConsumerRecord<?, ?> record = records.get(index);
        Exception cause = deserializationFailure(record);
        if (cause == null) {
            // A tombstone: no event, and the shared error handler does not retry this exception.
            cause = new IllegalArgumentException("record without a value at " + where(record));
        }
        return new BatchListenerFailedException("unusable record at " + where(record), cause, index);
    }

    /** As the container decides it for record listeners: only a header our own deserializer set counts. */
    private static boolean isUnreadable(ConsumerRecord<?, ?> record) {
        return record.value() == null && deserializationFailure(record) != null;
    }

    private static Exception deserializationFailure(ConsumerRecord<?, ?> record) {
        return SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
