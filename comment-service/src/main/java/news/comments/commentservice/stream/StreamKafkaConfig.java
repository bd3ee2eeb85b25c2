package news.comments.commentservice.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The stream fan-out runs in one consumer group per instance. A record it cannot read is logged and
 * skipped: the shared group already sends it to the dead-letter topic, and N instances must not add N
 * copies there.
 */
@Configuration(proxyBeanMethods = false)
class StreamKafkaConfig {

    static final String CONTAINER_FACTORY = "streamListenerContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(StreamKafkaConfig.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> streamListenerContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(new DefaultErrorHandler(
                (record, error) -> log.warn("stream fan-out skipped {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), error.toString()),
                new FixedBackOff(0, 0)));
        return factory;
    }
}
