package news.comments.moderationservice.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The text forms the rules compare: display order under bidi overrides, and the look-alike skeleton. */
class TextNormalizerTest {

    static Stream<Arguments> displayOrders() {
        return Stream.of(
                Arguments.of("no override: unchanged, controls and all", "a\u202Bb\u202Cc", "a\u202Bb\u202Cc"),
                Arguments.of("an override is reversed and its controls dropped", "\u202Edrowdab\u202C", "badword"),
                Arguments.of("only the overridden run is reversed", "say \u202Eolleh\u202C now", "say hello now"),
                Arguments.of("an override never closed runs to the end", "x \u202Ecba", "x abc"),
                Arguments.of("a paragraph separator ends it", "\u202Ecba\ndef", "abc\ndef"),
                Arguments.of("a stray PDF is ignored", "ab\u202Cc\u202Efed", "abcdef"),
                Arguments.of("surrogate pairs stay whole", "\u202E\uD835\uDC1Ba\u202C", "a\uD835\uDC1B"),
                Arguments.of(
                        "a nested left-to-right override moves as one block",
                        "\u202Eab\u202Dcd\u202Cef\u202C",
                        "fecdba"),
                Arguments.of("an isolate inside moves as one block", "\u202Eab\u2066cd\u2069\u202C", "cdba"),
                Arguments.of(
                        "a PDI closes the override opened inside its isolate", "\u2067\u202Ecba\u2069def", "abcdef"),
                Arguments.of("two overrides", "\u202Eba\u202C \u202Edc\u202C", "ab cd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("displayOrders")
    void visualOrderIsWhatAReaderSees(String name, String text, String shown) {
        assertThat(TextNormalizer.visualOrder(text)).isEqualTo(shown);
    }

    @Test
    void deepNestingIsBoundedAndKeepsEveryCharacter() {
        String text = "\u202E".repeat(500) + "cba" + "\u202C".repeat(500);

        assertThat(TextNormalizer.visualOrder(text)).isEqualTo("abc");
    }

    static Stream<Arguments> skeletons() {
        return Stream.of(
                Arguments.of("case and full width", "\uFF22\uFF21\uFF24", "bad"),
                Arguments.of("bidi and zero-width controls go", "\u202Ab\u200Ba\u2066d\u2069\u202C\uFEFF", "bad"),
                Arguments.of("combining marks go", "b\u0336a\u0301d\u20DD", "bad"),
                Arguments.of("accents go", "tr\u00e8s", "tres"),
                Arguments.of("sharp s folds to ss", "Stra\u00dfe", "strasse"),
                Arguments.of("Cyrillic a, Greek omicron", "\u0430\u03bf", "ao"),
                Arguments.of("Cyrillic capital and small te", "\u0422\u0442", "tt"),
                Arguments.of("m reads as rn", "m", "rn"),
                Arguments.of("I, l, 1 and | all read as i", "Il1|", "iiii"),
                Arguments.of("digit and symbol swaps", "0345 7@$", "oeas tas"),
                Arguments.of("white space runs become one space", " a \t\n\u00A0 b ", "a b"),
                Arguments.of("punctuation stays", "c++ a.b (x)", "c++ a.b (x)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skeletons")
    void skeletonReducesLookAlikesToOneSpelling(String name, String text, String skeleton) {
        assertThat(TextNormalizer.skeleton(text)).isEqualTo(skeleton);
    }

    @Test
    void matchFormsAddTheShownOrderOnlyUnderAnOverride() {
        assertThat(TextNormalizer.matchForms("plain text")).containsExactly("piain text");
        assertThat(TextNormalizer.matchForms("\u202Edrowdab\u202C")).containsExactly("drowdab", "badword");
        assertThat(TextNormalizer.matchForms("\u202Eaba\u202C"))
                .as("a palindrome gives one form")
                .containsExactly("aba");
    }

    @Test
    void theSkeletonOfATextIsTheSkeletonsOfItsCharacters() {
        // Word patterns are built character by character; this is what keeps them in step with the text.
        String text = "Ab\u0301 \u0422\u0456m \u00df\uD835\uDC1B\u2167";
        StringBuilder units = new StringBuilder();
        TextNormalizer.plain(text).codePoints().forEach(cp -> units.append(TextNormalizer.unit(cp)));

        assertThat(TextNormalizer.skeleton(text)).isEqualTo(units.toString());
    }

    @Test
    void wordListsAndAuthorBansMatchTheShownForm() {
        assertThat(WordList.containsAny("ok \u202Edrowdab\u202C ok", List.of("badword")))
                .isTrue();
        assertThat(WordList.containsAny("ok drowdab ok", List.of("badword"))).isFalse();
        assertThat(NameList.contains(MatchText.of("\u202Ellort\u202C"), List.of("Troll")))
                .isTrue();
        assertThat(NameList.contains(MatchText.of("llort"), List.of("Troll"))).isFalse();
    }

    @Test
    void foldedIsNfkcWithoutFormatCharactersInLowerCaseWithEachRunOfWhiteSpaceOneSpace() {
        assertThat(TextNormalizer.folded("  Ｈｅｌｌｏ\u200B \t\n WORLD\u00A0!  ")).isEqualTo("hello world !");
        assertThat(TextNormalizer.folded("ΟΔΟΣ"))
                .as("final sigma, as String.toLowerCase does it")
                .isEqualTo("οδος");

        // The loops give what the stream and regex definition gave, on random text from a mixed alphabet.
        String alphabet = "aZ \t\n\r\f\u000B\u00A0\u2003\u200B\u200D\u00AD\u202E\uFF21\u0130\u03A3\u00DF\uFB01"
                + "\uD835\uDC00\u0301.é";
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 5000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(TextNormalizer.folded(text.toString())).as("%s", text).isEqualTo(foldedByRegex(text.toString()));
        }
    }

    /** The definition the loops replaced. */
    private static String foldedByRegex(String text) {
        String nfkc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder();
        nfkc.codePoints()
                .filter(cp -> Character.getType(cp) != Character.FORMAT)
                .forEach(out::appendCodePoint);
        return out.toString()
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\s+", " ")
                .strip();
    }
}
