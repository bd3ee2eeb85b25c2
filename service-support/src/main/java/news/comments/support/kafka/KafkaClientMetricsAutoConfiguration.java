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

    static final String REFRESH = "${comments.kafka.metrics-refresh:10s}";

    /**
     * The one thread that looks for new client metrics. Not a {@link ScheduledExecutorService} bean: Boot
     * backs off its own task scheduler when one exists.
     */
    static final class RefreshThread implements DisposableBean {

        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });

        @Override
        public void destroy() {
            executor.shutdownNow();
        }
    }

    @Bean
    RefreshThread kafkaMetricsRefreshThread() {
        return new RefreshThread();
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer kafkaConsumerMetrics(
            MeterRegistry registry, RefreshThread kafkaMetricsRefreshThread, @Value(REFRESH) Duration refresh) {
        return factory ->
                factory.addListener(new ConsumerMetrics<>(registry, kafkaMetricsRefreshThread.executor, refresh));
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer kafkaProducerMetrics(
            MeterRegistry registry, RefreshThread kafkaMetricsRefreshThread, @Value(REFRESH) Duration refresh) {
        return factory ->
                factory.addListener(new ProducerMetrics<>(registry, kafkaMetricsRefreshThread.executor, refresh));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({KafkaStreams.class, StreamsBuilderFactoryBean.class})
    static class StreamsMetricsConfiguration {

        @Bean
        StreamsBuilderFactoryBeanConfigurer kafkaStreamsMetrics(
                MeterRegistry registry, RefreshThread kafkaMetricsRefreshThread, @Value(REFRESH) Duration refresh) {
            return factoryBean ->
                    factoryBean.addListener(new StreamsMetrics(registry, kafkaMetricsRefreshThread.executor, refresh));
        }
    }

    static final class ConsumerMetrics<K, V> extends MicrometerConsumerListener<K, V> {

        private final ScheduledExecutorService refresher;
        private final Duration refresh;

        ConsumerMetrics(MeterRegistry registry, ScheduledExecutorService refresher, Duration refresh) {
            super(registry);
            this.refresher = refresher;
            this.refresh = refresh;
        }

        @Override
        protected MeterBinder createClientMetrics(Consumer<K, V> consumer, List<Tag> tags) {
            return new KafkaClientMetrics(consumer, tags, refresher, refresh);
        }
    }

    static final class ProducerMetrics<K, V> extends MicrometerProducerListener<K, V> {

        private final ScheduledExecutorService refresher;
        private final Duration refresh;

        ProducerMetrics(MeterRegistry registry, ScheduledExecutorService refresher, Duration refresh) {
            super(registry);
            this.refresher = refresher;
            this.refresh = refresh;
        }

        @Override
        protected MeterBinder createClientMetrics(Producer<K, V> producer, List<Tag> tags) {
            return new KafkaClientMetrics(producer, tags, refresher, refresh);
        }
    }

    static final class StreamsMetrics extends KafkaStreamsMicrometerListener {

        private final ScheduledExecutorService refresher;
        private final Duration refresh;

        StreamsMetrics(MeterRegistry registry, ScheduledExecutorService refresher, Duration refresh) {
            super(registry);
            this.refresher = refresher;
            this.refresh = refresh;
        }

        @Override
        protected MeterBinder createClientMetrics(KafkaStreams streams, List<Tag> tags) {
            return new KafkaStreamsMetrics(streams, tags, refresher, refresh);
        }
    }
}
