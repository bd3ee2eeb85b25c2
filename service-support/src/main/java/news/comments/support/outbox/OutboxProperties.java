package news.comments.support.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pollInterval how often the relay looks for rows when nothing woke it
 * @param batchSize    rows sent per transaction
 * @param sendTimeout  how long to wait for the broker to acknowledge a batch
 * @param maxBackoff   longest pause after failures (for example while Kafka is down)
 */
@ConfigurationProperties("comments.outbox")
public record OutboxProperties(Duration pollInterval, Integer batchSize, Duration sendTimeout, Duration maxBackoff) {

    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
    }
}
