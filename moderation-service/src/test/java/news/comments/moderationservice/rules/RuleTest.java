package news.comments.moderationservice.rules;

import static news.comments.moderationservice.rules.Comments.CLOSED;
import static news.comments.moderationservice.rules.Comments.autoClosingAt;
import static news.comments.moderationservice.rules.Comments.closedAt;
import static news.comments.moderationservice.rules.Comments.comment;
import static news.comments.moderationservice.rules.Comments.open;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule on its own: given a comment, the article and the rule set, what it finds (if anything). */
class RuleTest {

    private static final RuleSet RULES = new RuleSet(3, List.of("idiot", "c++", "a.b", "(x)", "stupid fool"), 2, 20);

    static Stream<Arguments> cases() {
        return Stream.of(
                // rule, comment, article, expected decision (null = nothing found), expected code
                Arguments.of("closed: before the close is fine", new ClosedThreadRule(),
                        comment("hi", CLOSED.minusMillis(1)), closedAt(CLOSED), null, null),
                Arguments.of("closed: exactly at the close is rejected", new ClosedThreadRule(),
                        comment("hi", CLOSED), closedAt(CLOSED), Decision.REJECTED, "THREAD_CLOSED"),
                Arguments.of("closed: after the close is rejected", new ClosedThreadRule(),
                        comment("hi", CLOSED.plusSeconds(1)), closedAt(CLOSED), Decision.REJECTED, "THREAD_CLOSED"),
                Arguments.of("closed: at the auto-close date is rejected", new ClosedThreadRule(),
                        comment("hi", CLOSED), autoClosingAt(CLOSED), Decision.REJECTED, "THREAD_CLOSED"),
                Arguments.of("closed: before the auto-close date is fine", new ClosedThreadRule(),
                        comment("hi", CLOSED.minusMillis(1)), autoClosingAt(CLOSED), null, null),
                Arguments.of("closed: an open thread is fine", new ClosedThreadRule(),
                        comment("hi"), open(), null, null),
                Arguments.of("closed: an unknown article is not this rule's business", new ClosedThreadRule(),
                        comment("hi"), null, null, null),

                Arguments.of("unknown: no article state is held", new UnknownArticleRule(),
                        comment("hi"), null, Decision.HELD, "ARTICLE_UNKNOWN"),
                Arguments.of("unknown: a known article is fine", new UnknownArticleRule(),
                        comment("hi"), open(), null, null),

                Arguments.of("banned: a banned word", new BannedWordsRule(),
                        comment("you idiot"), open(), Decision.REJECTED, "BANNED_WORD"),
                Arguments.of("banned: any case", new BannedWordsRule(),
                        comment("You IDIOT!"), open(), Decision.REJECTED, "BANNED_WORD"),
                Arguments.of("banned: only whole words", new BannedWordsRule(),
                        comment("idiotic idiots"), open(), null, null),
                Arguments.of("banned: a word with regex metacharacters matches literally", new BannedWordsRule(),
                        comment("I write C++ daily"), open(), Decision.REJECTED, "BANNED_WORD"),
                Arguments.of("banned: a dot is not a wildcard", new BannedWordsRule(),
                        comment("axb"), open(), null, null),
                Arguments.of("banned: a dotted word itself", new BannedWordsRule(),
                        comment("see a.b now"), open(), Decision.REJECTED, "BANNED_WORD"),
                Arguments.of("banned: parentheses match literally", new BannedWordsRule(),
                        comment("look (x) here"), open(), Decision.REJECTED, "BANNED_WORD"),
                Arguments.of("banned: a phrase", new BannedWordsRule(),
                        comment("what a Stupid Fool"), open(), Decision.REJECTED, "BANNED_WORD"),
                Arguments.of("banned: a clean comment", new BannedWordsRule(),
                        comment("a fine point"), open(), null, null),

                Arguments.of("links: as many as allowed", new LinkLimitRule(),
                        comment("https://a.example and www.b.example"), open(), null, null),
                Arguments.of("links: one too many", new LinkLimitRule(),
                        comment("http://a.example https://b.example www.c.example"), open(), Decision.HELD,
                        "TOO_MANY_LINKS"),
                Arguments.of("links: none", new LinkLimitRule(),
                        comment("no links here"), open(), null, null),

                Arguments.of("length: empty", new LengthRule(),
                        comment(""), open(), Decision.REJECTED, "EMPTY"),
                Arguments.of("length: only spaces", new LengthRule(),
                        comment("  \n\t "), open(), Decision.REJECTED, "EMPTY"),
                Arguments.of("length: at the limit", new LengthRule(),
                        comment("x".repeat(20)), open(), null, null),
                Arguments.of("length: over the limit", new LengthRule(),
                        comment("x".repeat(21)), open(), Decision.REJECTED, "TOO_LONG"),
                Arguments.of("length: counts characters, not UTF-16 units", new LengthRule(),
                        comment("\uD83D\uDE00".repeat(20)), open(), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFindsWhatItShould(String name, ModerationRule rule, CommentSubmitted comment, ArticleState article,
            Decision expectedDecision, String expectedCode) {
        Optional<Finding> finding = rule.check(comment, article, RULES);

        if (expectedDecision == null) {
            assertThat(finding).isEmpty();
        } else {
            assertThat(finding).hasValueSatisfying(found -> {
                assertThat(found.decision()).isEqualTo(expectedDecision);
                assertThat(found.reason().code()).isEqualTo(expectedCode);
                assertThat(found.reason().text()).isNotBlank();
            });
        }
    }
}
