package news.comments.support.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/**
 * The Kafka clients' own metrics (consumer lag per partition, producer errors, Streams' threads) on Micrometer,
 * as Boot's {@code KafkaMetricsAutoConfiguration} binds them, which {@link KafkaClientDefaults} excludes for
 * this. The one difference: Micrometer looks for metrics a client registered after it was bound (the lag of a
 * partition appears with its assignment) every {@code comments.kafka.metrics-refresh} (10 s) instead of every
 * minute, so after a rebalance, a scale-out or a restart the lag that ops alert on is there within seconds.
 * Boot's listeners take no refresh interval, hence one subclass each, on one shared scheduler thread.
 */
@AutoConfiguration(
        before = KafkaAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass(KafkaClientMetrics.class)
@ConditionalOnBean(MeterRegistry.class)
public class KafkaClientMetricsAutoConfiguration {

    /**
     * The one thread that looks for new client metrics, and how often. Not a {@link ScheduledExecutorService}
     * bean: Boot backs off its own task scheduler when one exists. It names no Kafka Streams class (most
     * services have none).
     */
    static final class Refresh implements DisposableBean {

        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });

        private final Duration interval;

        Refresh(Duration interval) {
            this.interval = interval;
        }

        @Override
        public void destroy() {
            executor.shutdownNow();
        }
    }

    @Bean
    Refresh kafkaMetricsRefresh(@Value("${comments.kafka.metrics-refresh:10s}") Duration interval) {
        return new Refresh(interval);
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer kafkaConsumerMetrics(MeterRegistry registry, Refresh kafkaMetricsRefresh) {
        return factory -> factory.addListener(new ConsumerMetrics<>(registry, kafkaMetricsRefresh));
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer kafkaProducerMetrics(MeterRegistry registry, Refresh kafkaMetricsRefresh) {
        return factory -> factory.addListener(new ProducerMetrics<>(registry, kafkaMetricsRefresh));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({KafkaStreams.class, StreamsBuilderFactoryBean.class})
    static class StreamsMetricsConfiguration {

        @Bean
        StreamsBuilderFactoryBeanConfigurer kafkaStreamsMetrics(MeterRegistry registry, Refresh kafkaMetricsRefresh) {
            return factoryBean -> factoryBean.addListener(new StreamsMetrics(registry, kafkaMetricsRefresh));
        }
    }

    static final class ConsumerMetrics<K, V> extends MicrometerConsumerListener<K, V> {

        private final Refresh refresh;

        ConsumerMetrics(MeterRegistry registry, Refresh refresh) {
            super(registry);
            this.refresh = refresh;
        }

        @Override
        protected MeterBinder createClientMetrics(Consumer<K, V> consumer, List<Tag> tags) {
            return new KafkaClientMetrics(consumer, tags, refresh.executor, refresh.interval);
        }
    }

    static final class ProducerMetrics<K, V> extends MicrometerProducerListener<K, V> {

        private final Refresh refresh;

        ProducerMetrics(MeterRegistry registry, Refresh refresh) {
            super(registry);
            this.refresh = refresh;
        }

        @Override
        protected MeterBinder createClientMetrics(Producer<K, V> producer, List<Tag> tags) {
            return new KafkaClientMetrics(producer, tags, refresh.executor, refresh.interval);
        }
    }

    static final class StreamsMetrics extends KafkaStreamsMicrometerListener {

        private final Refresh refresh;

        StreamsMetrics(MeterRegistry registry, Refresh refresh) {
            super(registry);
            this.refresh = refresh;
        }

        @Override
        protected MeterBinder createClientMetrics(KafkaStreams streams, List<Tag> tags) {
            return new KafkaStreamsMetrics(streams, tags, refresh.executor, refresh.interval);
        }
    }
}
