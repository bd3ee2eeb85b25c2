package news.comments.support.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which characters text may hold. */
class SafeTextDeserializerTest {

    @Test
    void tabLineBreaksAndAnyPrintableUnicodeAreAllowed() {
        assertThat(SafeTextDeserializer.firstForbidden(
                        "Line one\r\nline\ttwo: caf\u00e9 \u05e9\u05dc\u05d5\u05dd \uD83D\uDE00 <script>"))
                .isEqualTo(-1);
    }

    @Test
    void c0DelC1AndUnpairedSurrogatesAreForbidden() {
        assertThat(SafeTextDeserializer.firstForbidden("ab\u0000")).isEqualTo(2);
        assertThat(SafeTextDeserializer.firstForbidden("\u001b[31m")).isEqualTo(0);
        assertThat(SafeTextDeserializer.firstForbidden("a\u007f")).isEqualTo(1);
        assertThat(SafeTextDeserializer.firstForbidden("a\u009b")).isEqualTo(1);
        assertThat(SafeTextDeserializer.firstForbidden("x\uD83D")).isEqualTo(1);
        assertThat(SafeTextDeserializer.firstForbidden("\uDE00x")).isEqualTo(0);
    }
}
