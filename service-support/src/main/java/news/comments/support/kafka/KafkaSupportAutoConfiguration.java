package news.comments.support.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.comments.events.Event;
import news.comments.events.EventSerializer;
import news.comments.events.Topic;
import news.comments.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka the same way in every service: the contract topics and their dead-letter twins are declared
 * here (broker auto-create stays off), and one error handler retries a failing record a few times, then
 * parks it on {@code <topic>.DLT} so the partition moves on. The clients' serializers and delivery
 * settings are Boot properties with defaults from {@link KafkaClientDefaults}.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(KafkaTopicProperties.class)
public class KafkaSupportAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics contractTopics(KafkaTopicProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            TopicBuilder builder = TopicBuilder.name(topic.name())
                    .partitions(properties.partitions())
                    .replicas(properties.replicationFactor());
            if (topic.compacted()) {
                builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            topics.add(builder.build());
            topics.add(TopicBuilder.name(topic.deadLetterName())
                    .partitions(properties.partitions())
                    .replicas(properties.replicationFactor())
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean(name = "deadLetterPublishingRecoverer")
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(
            KafkaProperties kafkaProperties, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // A dead letter carries the original bytes of a record that could not be read, or the key and event
        // of one that was read but could not be processed: each is written as what it is.
        var producerFactory = new DefaultKafkaProducerFactory<Object, Object>(
                config,
                new DelegatingByTypeSerializer(
                        Map.of(byte[].class, new ByteArraySerializer(), String.class, new StringSerializer())),
                new DelegatingByTypeSerializer(
                        Map.of(
                                byte[].class,
                                new ByteArraySerializer(),
                                String.class,
                                new StringSerializer(),
                                Event.class,
                                new EventSerializer<>()),
                        true));
        var recoverer = new CountingDeadLetterRecoverer(
                new KafkaTemplate<>(producerFactory),
                // A negative partition lets the producer partition by key, whatever the DLT's size.
                (record, exception) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, -1),
                meters.getIfAvailable(SimpleMeterRegistry::new));
        recoverer.setLogRecoveryRecord(true);
        return recoverer;
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer recoverer) {
        var handler = new DefaultErrorHandler(recoverer, new FixedBackOff(250L, 3L));
        handler.addNotRetryableExceptions(
                org.apache.kafka.common.errors.SerializationException.class,
                IllegalArgumentException.class,
                NullPointerException.class);
        return handler;
    }

    /**
     * For listeners that take a whole poll at once ({@link KafkaBatches}): Boot's settings and the error
     * handler above, like the default factory, so the other listeners stay record by record.
     */
    @Bean(KafkaBatches.LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> batchKafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        return factory;
    }
}
