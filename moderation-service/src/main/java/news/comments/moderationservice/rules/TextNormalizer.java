package news.comments.moderationservice.rules;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text forms the rules compare. Pure functions.
 *
 * <ul>
 *   <li>{@link #folded}: NFKC (full-width and styled letters become plain ones), invisible format characters
 *       (zero-width spaces, joiners, bidi controls) removed, lower case, runs of white space made one space. Used
 *       for duplicates and as the author's key in the thread state (so it must stay stable).</li>
 *   <li>{@link #skeleton}: what a reader sees, reduced to one spelling, so look-alikes meet. NFKC; format and
 *       other default-ignorable characters removed; combining marks removed (after NFD: "b̶a̶d̶" and "très" lose
 *       their marks); white space runs made one space; then each character is mapped by {@link #unit}: its
 *       Unicode confusable skeleton (UTS #39, so Cyrillic "а" and Greek "ο" read as Latin "a" and "o", "m" as
 *       "rn", "I" and "|" as "l"), case folded, small capitals read as their letters, and the digit-for-letter
 *       swaps (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, @ a, $ s) with {@code l} read as {@code i}. Word lists and author
 *       bans use it on both sides, so "B4D", "b@d", "Ьаd" and "bad" meet.</li>
 *   <li>{@link #visualOrder}: the order a reader sees under bidi overrides: "\u202Edrowdab\u202C" shows as
 *       "badword". {@link #matchForms} gives the skeleton of the text as stored and, when an override is
 *       present, of the text as shown.</li>
 * </ul>
 */
public final class TextNormalizer {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    /** Built once: a SpoofChecker is immutable and thread-safe. */
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

    private static final Map<Integer, Integer> SMALL_CAPITALS = smallCapitals();

    /** Units of the Basic Multilingual Plane, filled on first use (racy but idempotent: Strings are immutable). */
    private static final String[] BMP_UNITS = new String[0x10000];

    private static final int LRE = 0x202A;
    private static final int RLE = 0x202B;
    private static final int PDF = 0x202C;
    private static final int LRO = 0x202D;
    private static final int RLO = 0x202E;
    private static final int LRI = 0x2066;
    private static final int RLI = 0x2067;
    private static final int FSI = 0x2068;
    private static final int PDI = 0x2069;
    /** UAX #9's limit on nesting; deeper openers are ignored, as a browser does. */
    private static final int MAX_DEPTH = 125;

    private TextNormalizer() {}

    /** Loads the Unicode data (confusables, names, normalisation) now; it happens once per process anyway. */
    public static void load() {
        skeleton("\u0430\u202E");
    }

    /**
     * NFKC, format characters dropped, lower case, every run of ASCII white space ({@code \\s}) one space,
     * stripped. Written as loops: the stream and regex form of the same took a tenth of a decision.
     */
    public static String folded(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder kept = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            if (Character.getType(cp) != Character.FORMAT) {
                kept.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        String lower = kept.toString().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean inSpace = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                if (!inSpace) {
                    out.append(' ');
                    inSpace = true;
                }
            } else {
                out.append(c);
                inSpace = false;
            }
        }
        return out.toString().strip();
    }

    /** The skeleton of the text in stored (logical) order. */
    public static String skeleton(String text) {
        String plain = plain(text);
        StringBuilder out = new StringBuilder(plain.length());
        plain.codePoints().forEach(cp -> out.append(unit(cp)));
        return out.toString();
    }

    /**
     * The skeletons a word list or an author ban is matched against: the text as stored and, when it holds a
     * right-to-left override, the text as a reader sees it (the first is always there; no duplicates).
     */
    public static List<String> matchForms(String text) {
        String logical = skeleton(text);
        if (text.indexOf(RLO) < 0) {
            return List.of(logical); // only an RLO reverses Latin letters; the common case pays nothing more
        }
        String visual = skeleton(visualOrder(text));
        return visual.equals(logical) ? List.of(logical) : List.of(logical, visual);
    }

    /**
     * NFKC, then format characters, other default-ignorables and combining marks removed (after NFD), then white
     * space runs made one space and the ends stripped. Case is left to {@link #unit}.
     */
    static String plain(String text) {
        String nfd = isAscii(text) ? text : NFD.normalize(NFKC.normalize(text));
        StringBuilder out = new StringBuilder(nfd.length());
        boolean space = false;
        for (int i = 0; i < nfd.length(); ) {
            int cp = nfd.codePointAt(i);
            i += Character.charCount(cp);
            if (invisible(cp)) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /**
     * One character of {@link #plain} text as its skeleton: confusable skeleton, case folded, skeleton again
     * (folding can make a new look-alike), marks dropped, small capitals read as letters, digit swaps. May be
     * longer than one character ("m" is "rn", "ß" is "ss") or empty. Word patterns are built from the same units,
     * so text and list always agree.
     */
    static String unit(int cp) {
        if (cp < BMP_UNITS.length) {
            String known = BMP_UNITS[cp];
            if (known == null) {
                known = computeUnit(cp);
                BMP_UNITS[cp] = known;
            }
            return known;
        }
        return computeUnit(cp);
    }

    private static String computeUnit(int cp) {
        if (cp == ' ') {
            return " ";
        }
        String once = UCharacter.foldCase(SPOOF.getSkeleton(new String(Character.toChars(cp))), true);
        String twice = NFD.normalize(UCharacter.foldCase(SPOOF.getSkeleton(once), true));
        StringBuilder out = new StringBuilder(twice.length());
        twice.codePoints()
                .filter(c -> !invisible(c))
                .map(c -> unswap(SMALL_CAPITALS.getOrDefault(c, c)))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Format characters (bidi controls, zero-width characters, tags), other default-ignorables, marks. */
    private static boolean invisible(int cp) {
        if (cp < 0x80) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT
                || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
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

    /**
     * The characters in the order a reader sees them where bidi overrides are concerned: the content of a
     * right-to-left override (U+202E up to its PDF, the end of an enclosing isolate, or the end of the paragraph)
     * is reversed, nested embeddings, overrides and isolates moving as blocks. The controls themselves are
     * dropped; text outside an RLO keeps its order (the rules' words are stored in logical order too).
     */
    public static String visualOrder(String text) {
        if (text.indexOf(RLO) < 0) {
            return text; // without an RLO nothing is shown reversed
        }
        Run root = new Run(0, null);
        Run current = root;
        int depth = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case LRE, RLE, LRO, RLO, LRI, RLI, FSI -> {
                    if (depth < MAX_DEPTH) {
                        current = new Run(cp, current);
                        depth++;
                    }
                }
                case PDF -> {
                    if (current.parent != null && !current.isolate()) {
                        current = current.close();
                        depth--;
                    }
                }
                case PDI -> {
                    if (current.insideIsolate()) {
                        while (!current.isolate()) {
                            current = current.close();
                            depth--;
                        }
                        current = current.close();
                        depth--;
                    }
                }
                default -> {
                    if (paragraphSeparator(cp)) {
                        while (current.parent != null) {
                            current = current.close();
                        }
                        depth = 0;
                    }
                    current.pieces.add(new String(Character.toChars(cp)));
                }
            }
        }
        while (current.parent != null) {
            current = current.close();
        }
        return String.join("", root.pieces);
    }

    private static boolean paragraphSeparator(int cp) {
        return cp == '\n' || cp == '\r' || cp == 0x1C || cp == 0x1D || cp == 0x1E || cp == 0x85 || cp == 0x2029;
    }

    /** An open embedding, override or isolate: its pieces are characters and closed inner runs. */
    private static final class Run {
        final int opener;
        final Run parent;
        final List<String> pieces = new ArrayList<>();

        Run(int opener, Run parent) {
            this.opener = opener;
            this.parent = parent;
        }

        boolean isolate() {
            return opener == LRI || opener == RLI || opener == FSI;
        }

        boolean insideIsolate() {
            for (Run r = this; r != null; r = r.parent) {
                if (r.isolate()) {
                    return true;
                }
            }
            return false;
        }

        /** Adds this run to its parent as one block and returns the parent. */
        Run close() {
            if (opener == RLO) {
                Collections.reverse(pieces);
            }
            parent.pieces.add(String.join("", pieces));
            return parent;
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** "LATIN LETTER SMALL CAPITAL T" and kin (Cyrillic "т" has the skeleton ᴛ) read as their letter. */
    private static Map<Integer, Integer> smallCapitals() {
        Pattern name = Pattern.compile("LATIN LETTER SMALL CAPITAL ([A-Z])");
        Map<Integer, Integer> map = new HashMap<>();
        int[][] ranges = {{0x0250, 0x02AF}, {0x1D00, 0x1DBF}, {0xA700, 0xA7FF}};
        for (int[] range : ranges) {
            for (int cp = range[0]; cp <= range[1]; cp++) {
                String n = UCharacter.getName(cp);
                Matcher m = n == null ? null : name.matcher(n);
                if (m != null && m.matches()) {
                    map.put(cp, Character.toLowerCase((int) m.group(1).charAt(0)));
                }
            }
        }
        map.put(0x0138, (int) 'k'); // kra, the skeleton of Cyrillic "к"
        return Map.copyOf(map);
    }
}
