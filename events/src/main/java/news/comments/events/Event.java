package news.comments.events;

import java.time.Instant;

/**
 * Something that goes on a topic. Every event knows the key it is partitioned by (the article, so a
 * whole thread stays in order on one partition) and the moment it happened, which becomes the Kafka
 * record timestamp so that stream processing can order events by when they happened.
 */
public interface Event {

    String partitionKey();

    Instant occurredAt();
}
