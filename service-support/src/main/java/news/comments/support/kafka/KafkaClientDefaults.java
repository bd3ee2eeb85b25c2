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
 * only committed records, from the start of a topic it has not read yet). They are Boot properties below
 * every other source, so a service's application.yml, the environment or the command line overrides any of
 * them, and they are where one looks for them.
 */
public class KafkaClientDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "serviceSupportKafkaClientDefaults";

    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.kafka.producer.value-serializer", EventSerializer.class.getName(),
            "spring.kafka.producer.acks", "all",
            "spring.kafka.producer.properties.enable.idempotence", "true",
            "spring.kafka.consumer.key-deserializer", ErrorHandlingDeserializer.class.getName(),
            "spring.kafka.consumer.properties.spring.deserializer.key.delegate.class",
                    StringDeserializer.class.getName(),
            "spring.kafka.consumer.value-deserializer", ErrorHandlingDeserializer.class.getName(),
            "spring.kafka.consumer.properties.spring.deserializer.value.delegate.class",
                    EventDeserializer.class.getName(),
            "spring.kafka.consumer.isolation-level", "read-committed",
            "spring.kafka.consumer.auto-offset-reset", "earliest");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
    }
}
