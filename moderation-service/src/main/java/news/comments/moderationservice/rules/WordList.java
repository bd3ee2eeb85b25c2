package news.comments.moderationservice.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds listed words in a comment: whole words, any case, after {@link TextNormalizer#skeleton} on both sides,
 * so digit-for-letter swaps meet. Each letter may repeat ("baaad") and up to three separators may stand between
 * letters ("b.a.d", "b a d", "b-a_d"). Every character of a word is quoted, so a regex metacharacter in a list
 * ({@code c++}, {@code a.b}, {@code (x)}) matches itself and never breaks matching. "Whole word" means no letter
 * or digit right before or after the match, which also works for words that begin or end with punctuation.
 *
 * <p>Letter repeats make a word also match its stretched forms, so a listed "god" also matches "good": list the
 * exact words you mean, not fragments.
 */
public final class WordList {

    private static final String SEPARATOR = "[^\\p{L}\\p{N}]{0,3}";
    private static final int CACHE_LIMIT = 16;

    /** Patterns by word list: rule sets change rarely, comments arrive often. */
    private static final ConcurrentHashMap<List<String>, Pattern> CACHE = new ConcurrentHashMap<>();

    private WordList() {
    }

    public static boolean containsAny(String text, List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        return patternFor(words).matcher(TextNormalizer.skeleton(text)).find();
    }

    static Pattern patternFor(List<String> words) {
        Pattern cached = CACHE.get(words);
        if (cached != null) {
            return cached;
        }
        Pattern compiled = compile(words);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(List.copyOf(words), compiled);
        return compiled;
    }

    static Pattern compile(List<String> words) {
        List<String> alternatives = new ArrayList<>();
        for (String word : words) {
            String piece = wordPattern(TextNormalizer.skeleton(word));
            if (!piece.isEmpty()) {
                alternatives.add(piece);
            }
        }
        if (alternatives.isEmpty()) {
            return Pattern.compile("(?!)"); // matches nothing
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])");
    }

    private static String wordPattern(String skeleton) {
        StringBuilder out = new StringBuilder();
        int previous = -1;
        int[] codePoints = skeleton.codePoints().toArray();
        for (int cp : codePoints) {
            if (cp == previous) {
                continue; // a run of one character is one "c+" already
            }
            if (Character.isWhitespace(cp)) {
                out.append("[^\\p{L}\\p{N}]+"); // between the words of a phrase
                previous = cp;
                continue;
            }
            if (previous != -1 && Character.isLetterOrDigit(previous) && Character.isLetterOrDigit(cp)) {
                out.append(SEPARATOR);
            }
            out.append(Pattern.quote(new String(Character.toChars(cp)))).append('+');
            previous = cp;
        }
        return out.toString();
    }
}
