package news.comments.moderationservice.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds listed words in a comment: whole words, any case, after {@link TextNormalizer#skeleton} on both sides,
 * so digit-for-letter swaps and look-alike letters meet; the comment is searched as stored and, under a
 * right-to-left override, as shown ({@link MatchText#forms}). Each letter may repeat ("baaad") and up to three
 * separators may stand between letters ("b.a.d", "b a d", "b-a_d"). Every character of a word is quoted, so a
 * regex metacharacter in a list ({@code c++}, {@code a.b}, {@code (x)}) matches itself and never breaks matching.
 * "Whole word" means no letter or digit right before or after the match, which also works for words that begin
 * or end with punctuation.
 *
 * <p>Letter repeats make a word also match its stretched forms, so a listed "god" also matches "good": list the
 * exact words you mean, not fragments.
 */
public final class WordList {

    private static final String SEPARATOR = "[^\\p{L}\\p{N}]{0,3}";

    private static final ListCache<Pattern> CACHE = new ListCache<>(WordList::compile);

    private WordList() {}

    public static boolean containsAny(MatchText text, List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        Pattern pattern = CACHE.get(words);
        return text.forms().stream().anyMatch(form -> pattern.matcher(form).find());
    }

    public static boolean containsAny(String text, List<String> words) {
        return containsAny(MatchText.of(text), words);
    }

    static Pattern compile(List<String> words) {
        List<String> alternatives = new ArrayList<>();
        for (String word : words) {
            String piece = wordPattern(TextNormalizer.plain(word));
            if (!piece.isEmpty()) {
                alternatives.add(piece);
            }
        }
        if (alternatives.isEmpty()) {
            return Pattern.compile("(?!)"); // matches nothing
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])");
    }

    /**
     * One pattern piece per character of the word: its skeleton {@link TextNormalizer#unit} (the comment's
     * skeleton is made of the same units), repeatable, with separators allowed between letters and digits.
     */
    private static String wordPattern(String plain) {
        StringBuilder out = new StringBuilder();
        String previous = null;
        for (int cp : plain.codePoints().toArray()) {
            String unit = TextNormalizer.unit(cp);
            if (unit.isEmpty() || unit.equals(previous)) {
                continue; // a run of one character is one "c+" already
            }
            if (unit.equals(" ")) {
                out.append("[^\\p{L}\\p{N}]+"); // between the words of a phrase
                previous = unit;
                continue;
            }
            if (previous != null
                    && letterOrDigit(previous.codePointBefore(previous.length()))
                    && letterOrDigit(unit.codePointAt(0))) {
                out.append(SEPARATOR);
            }
            String quoted = Pattern.quote(unit);
            out.append(unit.codePointCount(0, unit.length()) == 1 ? quoted + "+" : "(?:" + quoted + ")+");
            previous = unit;
        }
        return out.toString();
    }

    private static boolean letterOrDigit(int cp) {
        return Character.isLetterOrDigit(cp);
    }
}
