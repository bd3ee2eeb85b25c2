package news.comments.commentservice.article;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code comments.articles.*}: the local copy of article states the door checks.
 *
 * @param snapshotWait how long a request for an article not in the copy yet waits for its snapshot before 404
 * @param snapshotPoll how often such a request looks again (another instance's listener may store it)
 * @param maxWaiting   requests that may wait at once; one more is answered at once
 * @param cacheTtl     how long the door trusts a state it read (a change on this instance evicts it at once)
 * @param cacheSize    article states the door keeps
 */
@ConfigurationProperties("comments.articles")
public record ArticleCopyProperties(
        @DefaultValue("3s") Duration snapshotWait,
        @DefaultValue("200ms") Duration snapshotPoll,
        @DefaultValue("64") int maxWaiting,
        @DefaultValue("1s") Duration cacheTtl,
        @DefaultValue("10000") long cacheSize) {}
