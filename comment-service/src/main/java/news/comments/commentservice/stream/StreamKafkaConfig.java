package news.comments.commentservice.stream;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The stream fan-out reads every partition of the decisions topic by manual assignment, with no
 * consumer group at all: no group id, no offset commits, so a restarted instance leaves nothing
 * behind on the broker (a group per start used to pile up and show as lag). A record it cannot read
 * is logged and skipped: the shared group already sends it to the dead-letter topic, and N instances
 * must not add N copies there.
 */
@Configuration(proxyBeanMethods = false)
class StreamKafkaConfig {

    static final String CONTAINER_FACTORY = "streamListenerContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(StreamKafkaConfig.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> streamListenerContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        factory.setConsumerFactory(withoutGroup(consumerFactory));
        factory.setCommonErrorHandler(new DefaultErrorHandler(
                (record, error) -> log.warn(
                        "stream fan-out skipped {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        error.toString()),
                new FixedBackOff(0, 0)));
        return factory;
    }

    /** The service's consumer settings and deserializers, minus the group: spring-kafka then never commits. */
    private static ConsumerFactory<Object, Object> withoutGroup(ConsumerFactory<Object, Object> shared) {
        Map<String, Object> config = new HashMap<>(shared.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new DefaultKafkaConsumerFactory<>(config, shared.getKeyDeserializer(), shared.getValueDeserializer());
    }
}
