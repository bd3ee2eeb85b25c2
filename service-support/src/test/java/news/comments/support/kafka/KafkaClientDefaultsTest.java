package news.comments.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import news.comments.events.EventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

class KafkaClientDefaultsTest {

    private final ApplicationContextRunner services = ServiceKafkaClients.context();

    @Test
    void everyClientStartsFromTheContractsSerializersAndTheSettingsTheGuaranteesRestOn() {
        services.run(context -> {
            var producer = context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties();
            var consumer = context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties();

            assertThat(producer.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG))
                    .isEqualTo(EventSerializer.class);
            assertThat(producer.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
            assertThat(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo("true");
            assertThat(consumer.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
            assertThat(consumer.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).isEqualTo("earliest");
        });
    }

    @Test
    void aServicesOwnSpringKafkaPropertiesWinOverTheDefaults() {
        services.withPropertyValues(
                        "spring.kafka.consumer.auto-offset-reset=latest",
                        "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.StringSerializer")
                .run(context -> {
                    var producer =
                            context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties();
                    var consumer =
                            context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties();

                    assertThat(producer.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG))
                            .isEqualTo(org.apache.kafka.common.serialization.StringSerializer.class);
                    assertThat(consumer.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG))
                            .isEqualTo("latest");
                });
    }
}
