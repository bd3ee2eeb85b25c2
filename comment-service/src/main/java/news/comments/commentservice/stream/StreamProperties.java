package news.comments.commentservice.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code comments.stream.*}: the server-sent event streams of newly approved comments.
 *
 * @param heartbeatInterval    how often an idle stream gets a comment line (keeps proxies open, finds clients gone)
 * @param maxStreams           open streams on this instance; one more is answered 503 with Retry-After
 * @param timeout              a stream ends after this (the browser's EventSource reconnects)
 * @param retryAfter           the Retry-After of that 503
 * @param landingCheckInterval how often an approval waits for its decision to land before it is pushed
 * @param landingWait          how long it waits at most
 */
@ConfigurationProperties("comments.stream")
public record StreamProperties(
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("1000") int maxStreams,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("200ms") Duration landingCheckInterval,
        @DefaultValue("30s") Duration landingWait) {}
