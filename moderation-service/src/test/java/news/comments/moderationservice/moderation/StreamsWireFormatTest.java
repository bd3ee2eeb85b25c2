package news.comments.moderationservice.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import news.comments.events.Event;
import news.comments.testsupport.contract.GoldenEvents;
import news.comments.testsupport.contract.GoldenEvents.Golden;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The topology and the rules store read and write every contract topic with that topic's own serde
 * ({@code Topic.valueSerde()}): it writes and reads the golden examples of docs/events/ exactly.
 */
class StreamsWireFormatTest {

    static List<Golden> goldens() {
        return GoldenEvents.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void theTopicsSerdeWritesTheGoldenJsonAndNamesTheType(Golden golden) {
        @SuppressWarnings("unchecked")
        Serde<Event> serde = (Serde<Event>) golden.topic().valueSerde();
        RecordHeaders headers = new RecordHeaders();

        byte[] value = serde.serializer().serialize(golden.topic().name(), headers, golden.event());

        assertThat(JsonMapper.shared().readTree(value)).isEqualTo(golden.tree());
        assertThat(new String(headers.lastHeader(GoldenEvents.TYPE_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo(golden.typeName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void theTopicsSerdeReadsTheGoldenJsonAsTheEvent(Golden golden) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(GoldenEvents.TYPE_HEADER, golden.typeName().getBytes(StandardCharsets.UTF_8));

        Object read = golden.topic()
                .valueSerde()
                .deserializer()
                .deserialize(golden.topic().name(), headers, golden.json().getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(golden.event());
    }
}
