package news.comments.commentservice.article;

import news.comments.events.ArticleState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the local copy of article state current from the compacted articles topic. */
@Component
class ArticleStateListener {

    private static final Logger log = LoggerFactory.getLogger(ArticleStateListener.class);

    private final ArticleCopyRepository copies;
    private final RecentArticles recent;
    private final ArticleArrivals arrivals;

    ArticleStateListener(ArticleCopyRepository copies, RecentArticles recent, ArticleArrivals arrivals) {
        this.copies = copies;
        this.recent = recent;
        this.arrivals = arrivals;
    }

    @KafkaListener(id = "article-state", topics = "articles.state.v1", groupId = "${spring.kafka.consumer.group-id}")
    void on(ConsumerRecord<String, ArticleState> record) {
        ArticleState state = record.value();
        if (state == null) {
            // A tombstone: articles are never deleted, so there is nothing to forget.
            log.debug("ignoring tombstone for article {}", record.key());
            return;
        }
        boolean changed = copies.upsertIfNewer(state);
        // Committed: the door reads the stored copy afresh, so a close or reopen counts from the next request on.
        recent.forget(state.articleId());
        // Stored (or already there): a reader waiting for this article may go on.
        arrivals.arrived(state.articleId());
        log.debug(
                "article {} version {} {}",
                state.articleId(),
                state.version(),
                changed ? "stored" : "ignored (not newer)");
    }
}
