package news.comments.support.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.comments.events.EventDeserializer;
import news.comments.events.EventSerializer;
import news.comments.events.Topic;
import news.comments.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
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
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka the same way in every service: the contract topics and their dead-letter twins are declared
 * here (broker auto-create stays off), events are written and read with the contract's JSON serde,
 * and one error handler retries a failing record a few times, then parks it on {@code <topic>.DLT}
 * so the partition moves on.
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
    DefaultKafkaProducerFactoryCustomizer eventProducerFactoryCustomizer() {
        return factory -> {
            factory.updateConfigs(
                    Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
            @SuppressWarnings("unchecked")
            DefaultKafkaProducerFactory<Object, Object> events = (DefaultKafkaProducerFactory<Object, Object>) factory;
            events.setKeySerializer(new KeySerializer());
            events.setValueSerializer(new EventSerializer<>());
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer eventConsumerFactoryCustomizer() {
        return factory -> {
            factory.updateConfigs(Map.of(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
            @SuppressWarnings("unchecked")
            var events = (org.springframework.kafka.core.DefaultKafkaConsumerFactory<String, Object>) factory;
            events.setKeyDeserializer(new ErrorHandlingDeserializer<>(new StringDeserializer()));
            events.setValueDeserializer(new ErrorHandlingDeserializer<>(new EventDeserializer<>()));
        };
    }

    @Bean
    @ConditionalOnMissingBean(name = "deadLetterPublishingRecoverer")
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        var producerFactory = new DefaultKafkaProducerFactory<Object, Object>(
                config, new KeySerializer(), new DeadLetterValueSerializer());
        var recoverer = new DeadLetterPublishingRecoverer(
                new KafkaTemplate<>(producerFactory),
                // A negative partition lets the producer partition by key, whatever the DLT's size.
                (record, exception) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, -1));
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

    /** Keys are article ids as strings; a dead letter may carry a key that never deserialized (bytes). */
    static final class KeySerializer implements org.apache.kafka.common.serialization.Serializer<Object> {

        private final StringSerializer strings = new StringSerializer();

        @Override
        public byte[] serialize(String topic, Object data) {
            if (data == null || data instanceof byte[]) {
                return (byte[]) data;
            }
            return strings.serialize(topic, data.toString());
        }
    }
}
