package news.comments.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

class KafkaClientMetricsAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            // As SpringApplication does: "10s" becomes a Duration.
            .withInitializer(
                    app -> app.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance()))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withConfiguration(
                    AutoConfigurations.of(KafkaClientMetricsAutoConfiguration.class, KafkaAutoConfiguration.class));

    @Test
    void everyConsumerAndProducerOfBootsFactoriesIsBoundWithTheRefreshingListeners() {
        context.run(app -> {
            assertThat(app.getBean(ConsumerFactory.class).getListeners())
                    .singleElement()
                    .isInstanceOf(KafkaClientMetricsAutoConfiguration.ConsumerMetrics.class);
            assertThat(app.getBean(ProducerFactory.class).getListeners())
                    .singleElement()
                    .isInstanceOf(KafkaClientMetricsAutoConfiguration.ProducerMetrics.class);
            assertThat(app.getBeansOfType(StreamsBuilderFactoryBeanConfigurer.class))
                    .containsKey("kafkaStreamsMetrics");
        });
    }

    @Test
    void withoutKafkaStreamsTheStreamsBindingIsLeftOutAndTheClientsAreStillBound() {
        context.withClassLoader(new FilteredClassLoader(KafkaStreams.class)).run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app.getBean(ConsumerFactory.class).getListeners()).hasSize(1);
            assertThat(app.getBeansOfType(StreamsBuilderFactoryBeanConfigurer.class))
                    .doesNotContainKey("kafkaStreamsMetrics");
        });
    }
}
