package news.comments.support.outbox;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Why Kafka did not take a record. Kafka marks errors that may pass by themselves (broker down, leader
 * moving, timeouts, a topic not there yet) as {@link RetriableException}; every other error is a refusal
 * of this record by this producer (too large, invalid topic, not authorised, ...).
 */
record SendFailure(boolean retriable, String message) {

    private static final int MAX_MESSAGE_LENGTH = 1000;

    static SendFailure of(Throwable error) {
        boolean retriable = false;
        Throwable cause = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            cause = t;
            if (t instanceof RetriableException) {
                retriable = true;
                break;
            }
        }
        // The innermost cause names the Kafka error; the wrappers only repeat it.
        String message = cause.getClass().getName() + ": " + cause.getMessage();
        return new SendFailure(
                retriable, message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message);
    }

    /** The relay's own wait ran out: treated as transient, the row stays and is sent again. */
    static SendFailure unanswered() {
        return new SendFailure(true, "no answer from Kafka within the relay's wait");
    }
}
