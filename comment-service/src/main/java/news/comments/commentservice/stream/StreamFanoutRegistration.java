package news.comments.commentservice.stream;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import news.comments.events.CommentModerated;
import news.comments.events.Topics;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;
import org.springframework.kafka.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * Starts the fan-out listener on every partition of the decisions topic, each sought to its end
 * (a stream shows what is approved from now on). The partitions are asked of the broker at start,
 * after KafkaAdmin has declared the topic, so the listener follows the topic's real size. The
 * container joins the listener registry (id {@value #ID}), which stops it with the others.
 */
@Component
class StreamFanoutRegistration implements SmartLifecycle {

    static final String ID = "stream-fanout";

    private final KafkaListenerEndpointRegistry registry;
    private final KafkaListenerContainerFactory<?> factory;
    private final KafkaAdmin admin;
    private final ApprovedCommentFanout fanout;
    private volatile boolean running;

    StreamFanoutRegistration(
            KafkaListenerEndpointRegistry registry,
            @Qualifier(StreamKafkaConfig.CONTAINER_FACTORY) KafkaListenerContainerFactory<?> factory,
            KafkaAdmin admin,
            ApprovedCommentFanout fanout) {
        this.registry = registry;
        this.factory = factory;
        this.admin = admin;
        this.fanout = fanout;
    }

    @Override
    public void start() {
        if (registry.getListenerContainer(ID) == null) {
            String topic = Topics.COMMENT_MODERATED.name();
            int partitions = admin.describeTopics(topic).get(topic).partitions().size();
            TopicPartitionOffset[] assignment = IntStream.range(0, partitions)
                    .mapToObj(partition -> new TopicPartitionOffset(topic, partition, SeekPosition.END))
                    .toArray(TopicPartitionOffset[]::new);
            registry.registerListenerContainer(new Endpoint(assignment, fanout), factory, true);
        }
        running = true;
    }

    @Override
    public void stop() {
        // The registry stops its containers, this one included.
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After the registry (its containers start first), before nothing else that matters.
        return registry.getPhase() + 1;
    }

    /** A listener endpoint with a fixed assignment and no group. */
    private record Endpoint(TopicPartitionOffset[] assignment, ApprovedCommentFanout fanout)
            implements KafkaListenerEndpoint {

        @Override
        public String getId() {
            return ID;
        }

        @Override
        public String getGroupId() {
            return null;
        }

        @Override
        public String getGroup() {
            return null;
        }

        @Override
        public Collection<String> getTopics() {
            return List.of();
        }

        @Override
        public TopicPartitionOffset[] getTopicPartitionsToAssign() {
            return assignment.clone();
        }

        @Override
        public Pattern getTopicPattern() {
            return null;
        }

        @Override
        public String getClientIdPrefix() {
            return ID;
        }

        @Override
        public Integer getConcurrency() {
            return 1;
        }

        @Override
        public Boolean getAutoStartup() {
            return true;
        }

        @Override
        public void setupListenerContainer(MessageListenerContainer container, MessageConverter converter) {
            container.setupMessageListener((MessageListener<String, CommentModerated>) fanout::on);
        }

        @Override
        public boolean isSplitIterables() {
            return true;
        }
    }
}
