package news.comments.moderationservice.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentValuesTest {

    private final AtomicInteger parsed = new AtomicInteger();
    private final RecentValues<String> values = new RecentValues<>(
            (topic, bytes) -> {
                parsed.incrementAndGet();
                return new String(bytes, StandardCharsets.UTF_8);
            },
            2);

    @Test
    void theSameBytesAreParsedOnceAndGiveTheSameObject() {
        String first = values.deserialize("t", bytes("open"));
        String again = values.deserialize("t", bytes("open"));

        assertThat(again).isSameAs(first);
        assertThat(parsed).hasValue(1);
    }

    @Test
    void otherBytesGiveTheirOwnValueAndAFullCacheStartsAfresh() {
        assertThat(values.deserialize("t", bytes("open"))).isEqualTo("open");
        assertThat(values.deserialize("t", bytes("closed"))).isEqualTo("closed");
        assertThat(values.deserialize("t", bytes("reopened"))).isEqualTo("reopened");
        assertThat(values.deserialize("t", bytes("closed"))).isEqualTo("closed");

        assertThat(parsed).hasValue(4);
        assertThat(values.deserialize("t", null)).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
