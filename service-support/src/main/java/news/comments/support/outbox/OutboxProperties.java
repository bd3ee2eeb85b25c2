package news.comments.support.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pollInterval how often the relay looks for rows when nothing woke it (default 1 s): a commit on this
 *                     instance wakes it at once, so the poll only finds rows that no wake-up announced (another
 *                     instance stopped before sending them, an operator released a parked row); polling more
 *                     often costs two queries per interval per instance at idle
 * @param batchSize    rows claimed per transaction
 * @param sendTimeout  the relay producer's {@code delivery.timeout.ms}: how long Kafka may take to
 *                     acknowledge or fail a record; the relay waits a little longer than this, so a
 *                     record it counts as failed was really not delivered (see {@link OutboxRelay})
 * @param maxBackoff   longest pause after transient failures (for example while Kafka is down)
 * @param maxAttempts  how many times a row Kafka refuses (a non-retriable error) is tried before it is
 *                     parked; transient failures never count
 * @param gather       how long the relay waits after a commit woke it before it claims rows, so that the
 *                     commits of that moment leave as one batch instead of one batch each (default 5 ms; every
 *                     event waits at most this much longer; 0 sends at once)
 * @param metricsInterval how often the backlog gauges (pending and parked rows, the oldest row's age) are read
 *                     from the table (default 5 s): one query per interval per instance, whatever the scrapes
 */
@ConfigurationProperties("comments.outbox")
public record OutboxProperties(
        Duration pollInterval,
        Integer batchSize,
        Duration sendTimeout,
        Duration maxBackoff,
        Integer maxAttempts,
        Duration gather,
        Duration metricsInterval) {

    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        gather = gather == null ? Duration.ofMillis(5) : gather;
        metricsInterval = metricsInterval == null ? Duration.ofSeconds(5) : metricsInterval;
        if (sendTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("comments.outbox.send-timeout must be at least 1s, was " + sendTimeout);
        }
        if (gather.isNegative() || gather.compareTo(pollInterval) > 0) {
            throw new IllegalArgumentException(
                    "comments.outbox.gather must be between 0 and poll-interval, was " + gather);
        }
        if (metricsInterval.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "comments.outbox.metrics-interval must be positive, was " + metricsInterval);
        }
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("comments.outbox.batch-size and max-attempts must be at least 1");
        }
    }
}
