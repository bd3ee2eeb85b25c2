package news.comments.moderationservice.rules;

import static news.comments.moderationservice.rules.Comments.CLOSED;
import static news.comments.moderationservice.rules.Comments.closedAt;
import static news.comments.moderationservice.rules.Comments.comment;
import static news.comments.moderationservice.rules.Comments.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.Stream;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine combines the rules: closed decides alone, the strictest decision wins, all reasons listed. */
class RulesEngineTest {

    private static final RuleSet RULES = Comments.rules()
            .version(7)
            .banned("idiot")
            .suspect("crypto")
            .maxLinks(1)
            .maxLength(100)
            .build();

    private final RulesEngine engine = RulesEngine.standard();

    static Stream<Arguments> cases() {
        String links = "https://a.example https://b.example";
        return Stream.of(
                Arguments.of(
                        "a normal comment is approved", comment("Good article."), open(), Decision.APPROVED, List.of()),
                Arguments.of(
                        "a closed thread decides alone, whatever else is wrong",
                        comment("idiot " + links, CLOSED.plusSeconds(1)),
                        closedAt(CLOSED),
                        Decision.REJECTED,
                        List.of("THREAD_CLOSED")),
                Arguments.of(
                        "a comment before the close is judged on its merits",
                        comment("Good article.", CLOSED.minusSeconds(1)),
                        closedAt(CLOSED),
                        Decision.APPROVED,
                        List.of()),
                Arguments.of(
                        "an unknown article holds the comment",
                        comment("Good article."),
                        null,
                        Decision.HELD,
                        List.of("ARTICLE_UNKNOWN")),
                Arguments.of(
                        "too many links hold the comment",
                        comment(links),
                        open(),
                        Decision.HELD,
                        List.of("TOO_MANY_LINKS")),
                Arguments.of(
                        "rejected beats held and both reasons are listed",
                        comment("idiot " + links),
                        open(),
                        Decision.REJECTED,
                        List.of("BANNED_WORD", "TOO_MANY_LINKS")),
                Arguments.of(
                        "held for two reasons lists both",
                        comment(links),
                        null,
                        Decision.HELD,
                        List.of("ARTICLE_UNKNOWN", "TOO_MANY_LINKS")),
                Arguments.of(
                        "an overlong comment is rejected",
                        comment("x".repeat(101)),
                        open(),
                        Decision.REJECTED,
                        List.of("TOO_LONG")),
                Arguments.of(
                        "an empty comment is rejected even for an unknown article",
                        comment(" "),
                        null,
                        Decision.REJECTED,
                        List.of("ARTICLE_UNKNOWN", "EMPTY")),
                Arguments.of(
                        "a banned word beats a suspect word and both are listed",
                        comment("idiot crypto"),
                        open(),
                        Decision.REJECTED,
                        List.of("BANNED_WORD", "SUSPECT_WORD")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(
            String name,
            CommentSubmitted comment,
            ArticleState article,
            Decision expected,
            List<String> expectedCodes) {
        Verdict verdict = engine.decide(new Judged(comment, article), RULES);

        assertThat(verdict.decision()).isEqualTo(expected);
        assertThat(verdict.reasonCodes()).containsExactlyElementsOf(expectedCodes);
    }

    @Test
    void closedThreadReasonSaysCommentsAreClosed() {
        Verdict verdict = engine.decide(new Judged(comment("hi", CLOSED), closedAt(CLOSED)), RULES);

        assertThat(verdict.reasons())
                .singleElement()
                .satisfies(reason -> assertThat(reason.text()).isEqualTo("Comments are closed."));
    }

    @Test
    void bannedWordListChangesTakeEffect() {
        RuleSet v1 = RuleSet.of(1, List.of("alpha"), 2, 100);
        RuleSet v2 = RuleSet.of(2, List.of("beta"), 2, 100);

        assertThat(engine.decide(new Judged(comment("alpha"), open()), v1).decision())
                .isEqualTo(Decision.REJECTED);
        assertThat(engine.decide(new Judged(comment("alpha"), open()), v2).decision())
                .isEqualTo(Decision.APPROVED);
        assertThat(engine.decide(new Judged(comment("beta"), open()), v2).decision())
                .isEqualTo(Decision.REJECTED);
    }

    @Test
    void ruleSetDropsBlankAndDuplicateWordsAndRefusesNonsense() {
        assertThat(RuleSet.of(1, List.of(" a ", "", "a", "b"), 2, 10).bannedWords())
                .containsExactly("a", "b");
        assertThatIllegalArgumentException().isThrownBy(() -> RuleSet.of(0, List.of(), 2, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> RuleSet.of(1, List.of(), -1, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> RuleSet.of(1, List.of(), 2, 0));
    }
}
