package news.comments.moderationservice.rules;

import java.util.List;
import java.util.Objects;

/**
 * A user-written string (comment text, author name) with its {@link TextNormalizer#matchForms}, computed on
 * first use and kept, so the word and author rules normalise each string once per judgement. Equal when the
 * strings are equal.
 */
public final class MatchText {

    private final String raw;
    private volatile List<String> forms;
    private volatile String key;

    private MatchText(String raw) {
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    public static MatchText of(String raw) {
        return new MatchText(raw);
    }

    public String raw() {
        return raw;
    }

    /** The skeleton as stored and, under a right-to-left override, as shown. */
    public List<String> forms() {
        List<String> known = forms;
        if (known == null) {
            known = TextNormalizer.matchForms(raw);
            forms = known;
        }
        return known;
    }

    /** {@link AuthorHistory#textKey} of the string, computed once: the duplicate rule and the history both need it. */
    public String key() {
        String known = key;
        if (known == null) {
            known = AuthorHistory.textKey(raw);
            key = known;
        }
        return known;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MatchText that && raw.equals(that.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return raw;
    }
}
