package news.comments.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the contract topics are created.
 *
 * @param partitions        partitions per topic (the most consumers of one group that can share the work)
 * @param replicationFactor replicas per partition (1 for a single local broker, 3 in production)
 */
@ConfigurationProperties("comments.kafka")
public record KafkaTopicProperties(Integer partitions, Short replicationFactor) {

    public KafkaTopicProperties {
        partitions = partitions == null ? news.comments.events.Topics.DEFAULT_PARTITIONS : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    }
}
