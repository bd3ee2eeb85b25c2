package news.comments.support.kafka;

import java.util.Map;
import news.comments.events.EventDeserializer;
import news.comments.events.EventSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The {@code spring.kafka.*} settings every service's Kafka clients start from: the event contract's
 * serializers (unreadable records become dead letters instead of stopping a listener), and the settings the
 * guarantees rest on (a send is acknowledged by every in-sync replica and never duplicated; a consumer sees
 * only committed records, from the start of a topic it has not read yet), Kafka's part in tracing, and how the clients' metrics are bound. They are Boot properties below
 * every other source, so a service's application.yml, the environment or the command line overrides any of
 * them, and they are where one looks for them.
 */
public class KafkaClientDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "serviceSupportKafkaClientDefaults";

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("spring.kafka.producer.value-serializer", EventSerializer.class.getName()),
            Map.entry("spring.kafka.producer.acks", "all"),
            Map.entry("spring.kafka.producer.properties.enable.idempotence", "true"),
            Map.entry("spring.kafka.consumer.key-deserializer", ErrorHandlingDeserializer.class.getName()),
            Map.entry(
                    "spring.kafka.consumer.properties.spring.deserializer.key.delegate.class",
                    StringDeserializer.class.getName()),
            Map.entry("spring.kafka.consumer.value-deserializer", ErrorHandlingDeserializer.class.getName()),
            Map.entry(
                    "spring.kafka.consumer.properties.spring.deserializer.value.delegate.class",
                    EventDeserializer.class.getName()),
            Map.entry("spring.kafka.consumer.isolation-level", "read-committed"),
            Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
            // Tracing: a send through Boot's KafkaTemplate is a span whose context goes out in the record's
            // traceparent header, and a record listener's call is a span continuing it. The container observes
            // record listeners only: batch listeners start their spans per record with RecordSpans.
            Map.entry("spring.kafka.template.observation-enabled", "true"),
            Map.entry("spring.kafka.listener.observation-enabled", "true"),
            // KafkaClientMetricsAutoConfiguration binds the clients' metrics in its place, rescanned every 10 s
            // instead of every minute. A service that sets its own exclusions must list this one too.
            Map.entry(
                    "spring.autoconfigure.exclude",
                    "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
    }
}
