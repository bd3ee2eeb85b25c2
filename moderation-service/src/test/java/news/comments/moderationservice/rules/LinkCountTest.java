package news.comments.moderationservice.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LinkCountTest {

    /** The rule's pattern, counted without the short cut. */
    private static final Pattern LINK = Pattern.compile("(?i)(?:\\bhttps?://|\\bwww\\.)[^\\s<>\"]+");

    @Test
    void countsLinksInAnyCaseAndNothingElse() {
        assertThat(Rules.countLinks("see https://a.example and WWW.b.example, http://c"))
                .isEqualTo(3);
        assertThat(Rules.countLinks("a plain remark: no links here. Really.")).isZero();
        assertThat(Rules.countLinks("wWw.x")).isEqualTo(1);
        assertThat(Rules.countLinks("awww.x")).as("not at a word boundary").isZero();
    }

    @Test
    void theShortCutCountsWhatThePatternCountsOnRandomText() {
        String[] pieces = {"www", "WwW", ".", "http", "HTTPS", "://", ":/", "/", " ", "a", "ß", "\n", "<", "\"", "w"};
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThat(Rules.countLinks(text.toString())).as("%s", text).isEqualTo(byPattern(text.toString()));
        }
    }

    private static long byPattern(String text) {
        Matcher matcher = LINK.matcher(text);
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
