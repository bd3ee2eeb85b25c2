package news.comments.moderationservice.rules;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/**
 * Rejects a comment that contains a banned word as a whole word, ignoring case. Words are quoted, so a
 * word list with regex metacharacters ({@code c++}, {@code a.b}) matches literally and never breaks
 * matching. "Whole word" means no letter, digit or underscore right before or after it, which also works
 * for words that begin or end with punctuation (where {@code \b} would not).
 */
public final class BannedWordsRule implements ModerationRule {

    public static final String CODE = "BANNED_WORD";
    public static final String TEXT = "The comment contains a banned word.";

    /** The pattern of the last word list seen: rule sets change rarely, comments arrive often. */
    private final AtomicReference<CompiledWords> compiled = new AtomicReference<>();

    @Override
    public Optional<Finding> check(CommentSubmitted comment, ArticleState article, RuleSet rules) {
        if (rules.bannedWords().isEmpty()) {
            return Optional.empty();
        }
        return patternFor(rules.bannedWords()).matcher(comment.text()).find()
                ? Optional.of(Finding.rejected(CODE, TEXT))
                : Optional.empty();
    }

    private Pattern patternFor(List<String> words) {
        CompiledWords current = compiled.get();
        if (current == null || !current.words().equals(words)) {
            current = new CompiledWords(words, compile(words));
            compiled.set(current);
        }
        return current.pattern();
    }

    static Pattern compile(List<String> words) {
        String alternatives = words.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + alternatives + ")(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private record CompiledWords(List<String> words, Pattern pattern) {
    }
}
