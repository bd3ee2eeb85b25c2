package news.comments.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import news.comments.testsupport.contract.GoldenEvents;
import news.comments.testsupport.contract.GoldenEvents.Golden;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service's Kafka producers and listeners get their value serializers from this module's defaults
 * (Boot properties, see KafkaClientDefaults): each writes and reads the golden examples of docs/events/
 * exactly, with the logical type in the record header.
 */
class EventWireFormatTest {

    private final ApplicationContextRunner services = ServiceKafkaClients.context();

    static java.util.List<Golden> goldens() {
        return GoldenEvents.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void aProducerWritesTheGoldenJsonAndNamesTheType(Golden golden) {
        services.run(context -> {
            Serializer<Object> serializer = valueSerializer(context.getBean(DefaultKafkaProducerFactory.class));
            RecordHeaders headers = new RecordHeaders();

            byte[] value = serializer.serialize(golden.topic().name(), headers, golden.event());

            assertThat(JsonMapper.shared().readTree(value)).isEqualTo(golden.tree());
            Header type = headers.lastHeader(GoldenEvents.TYPE_HEADER);
            assertThat(type).isNotNull();
            assertThat(new String(type.value(), StandardCharsets.UTF_8)).isEqualTo(golden.typeName());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void aListenerReadsTheGoldenJsonAsTheEvent(Golden golden) {
        services.run(context -> {
            Deserializer<?> deserializer = valueDeserializer(context.getBean(DefaultKafkaConsumerFactory.class));
            RecordHeaders headers = new RecordHeaders();
            headers.add(GoldenEvents.TYPE_HEADER, golden.typeName().getBytes(StandardCharsets.UTF_8));

            Object read = deserializer.deserialize(
                    golden.topic().name(), headers, golden.json().getBytes(StandardCharsets.UTF_8));

            assertThat(read).isEqualTo(golden.event());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void aRecordWithoutTheTypeHeaderIsReadAsItsTopicsType(Golden golden) {
        services.run(context -> {
            Deserializer<?> deserializer = valueDeserializer(context.getBean(DefaultKafkaConsumerFactory.class));

            Object read = deserializer.deserialize(
                    golden.topic().name(), new RecordHeaders(), golden.json().getBytes(StandardCharsets.UTF_8));

            assertThat(read).isEqualTo(golden.event());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void aFieldAddedByANewerProducerIsIgnored(Golden golden) {
        services.run(context -> {
            Deserializer<?> deserializer = valueDeserializer(context.getBean(DefaultKafkaConsumerFactory.class));
            RecordHeaders headers = new RecordHeaders();
            headers.add(GoldenEvents.TYPE_HEADER, golden.typeName().getBytes(StandardCharsets.UTF_8));
            String newer = golden.json().replaceFirst("\\{", "{\"addedLater\": {\"any\": [1, 2]},");

            Object read =
                    deserializer.deserialize(golden.topic().name(), headers, newer.getBytes(StandardCharsets.UTF_8));

            assertThat(read).isEqualTo(golden.event());
        });
    }

    /** The value serializer a producer of this factory gets: an instance set on it, else the configured class. */
    @SuppressWarnings("unchecked")
    private static Serializer<Object> valueSerializer(DefaultKafkaProducerFactory<?, ?> factory) {
        Serializer<Object> serializer =
                (Serializer<Object>) factory.getValueSerializerSupplier().get();
        if (serializer == null) {
            Map<String, Object> config = factory.getConfigurationProperties();
            serializer = (Serializer<Object>) instantiate(config.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG));
            serializer.configure(config, false);
        }
        return serializer;
    }

    /** The value deserializer a consumer of this factory gets: an instance set on it, else the configured class. */
    private static Deserializer<?> valueDeserializer(DefaultKafkaConsumerFactory<?, ?> factory) {
        Deserializer<?> deserializer = factory.getValueDeserializer();
        if (deserializer == null) {
            Map<String, Object> config = factory.getConfigurationProperties();
            deserializer = (Deserializer<?>) instantiate(config.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG));
            deserializer.configure(config, false);
        }
        return deserializer;
    }

    private static Object instantiate(Object configured) {
        Class<?> type = configured instanceof Class<?> c
                ? c
                : ClassUtils.resolveClassName(configured.toString(), EventWireFormatTest.class.getClassLoader());
        return BeanUtils.instantiateClass(type);
    }
}
