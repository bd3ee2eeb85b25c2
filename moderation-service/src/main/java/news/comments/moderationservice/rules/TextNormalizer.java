package news.comments.moderationservice.rules;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text forms the rules compare. Pure functions.
 *
 * <ul>
 *   <li>{@link #folded}: NFKC (full-width and styled letters become plain ones), invisible format characters
 *       (zero-width spaces, joiners) removed, lower case, runs of white space made one space. Used for
 *       duplicates and author names.</li>
 *   <li>{@link #skeleton}: {@link #folded} plus the common digit-for-letter swaps (0 o, 1 i, 3 e, 4 a, 5 s, 7 t,
 *       @ a, $ s) and {@code l} read as {@code i} (so "1" for "l" matches too). Used for word lists, on both the
 *       word and the comment, so "B4D", "b@d" and "bad" meet.</li>
 * </ul>
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String folded(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints()
                .filter(cp -> Character.getType(cp) != Character.FORMAT)
                .forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    public static String skeleton(String text) {
        String folded = folded(text);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().map(TextNormalizer::unswap).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static int unswap(int cp) {
        return switch (cp) {
            case '0' -> 'o';
            case '1', 'l' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> cp;
        };
    }
}
