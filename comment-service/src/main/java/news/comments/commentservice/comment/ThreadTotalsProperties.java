package news.comments.commentservice.comment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code comments.threads.*}: the approved-comment count per thread that each page carries.
 *
 * @param totalTtl       how long a count is kept (a decision landed on this instance drops it at once)
 * @param totalCacheSize threads whose count is kept
 */
@ConfigurationProperties("comments.threads")
public record ThreadTotalsProperties(
        @DefaultValue("1s") Duration totalTtl,
        @DefaultValue("10000") long totalCacheSize) {}
