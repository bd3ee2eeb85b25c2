package news.comments.moderationservice.rules;

import static news.comments.moderationservice.rules.Comments.ARTICLE;
import static news.comments.moderationservice.rules.Comments.CLOSED;
import static news.comments.moderationservice.rules.Comments.OPENED;
import static news.comments.moderationservice.rules.Comments.autoClosingAt;
import static news.comments.moderationservice.rules.Comments.by;
import static news.comments.moderationservice.rules.Comments.closedAt;
import static news.comments.moderationservice.rules.Comments.comment;
import static news.comments.moderationservice.rules.Comments.history;
import static news.comments.moderationservice.rules.Comments.open;
import static news.comments.moderationservice.rules.Comments.publishedAt;
import static news.comments.moderationservice.rules.Comments.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule on its own, every reason code: given the comment, its context and the rule set, what it finds. */
class RuleTest {

    private static final RuleSet PLAIN = rules().build();

    static Arguments row(
            String name,
            ModerationRule rule,
            CommentSubmitted comment,
            ArticleState article,
            AuthorHistory history,
            RuleSet rules,
            Decision expected,
            String code) {
        return Arguments.of(name, rule, new Judged(comment, article, history), rules, expected, code);
    }

    static Arguments row(
            String name, ModerationRule rule, CommentSubmitted comment, RuleSet rules, Decision expected, String code) {
        return row(name, rule, comment, open(), null, rules, expected, code);
    }

    static Stream<Arguments> cases() {
        RuleSet words = rules().banned(
                        "idiot",
                        "c++",
                        "a.b",
                        "(x)",
                        "stupid fool",
                        "bad",
                        "[a-z]*",
                        "scum",
                        "moron",
                        "\u0434\u0443\u0440\u0430\u043a")
                .suspect("crypto")
                .build();
        return Stream.of(
                // closed thread: manual close, the article's auto-close date, N days after publication
                row(
                        "closed: before the close is fine",
                        Rules.CLOSED_THREAD,
                        comment("hi", CLOSED.minusMillis(1)),
                        closedAt(CLOSED),
                        null,
                        PLAIN,
                        null,
                        null),
                row(
                        "closed: exactly at the close is rejected",
                        Rules.CLOSED_THREAD,
                        comment("hi", CLOSED),
                        closedAt(CLOSED),
                        null,
                        PLAIN,
                        Decision.REJECTED,
                        "THREAD_CLOSED"),
                row(
                        "closed: after the close is rejected",
                        Rules.CLOSED_THREAD,
                        comment("hi", CLOSED.plusSeconds(1)),
                        closedAt(CLOSED),
                        null,
                        PLAIN,
                        Decision.REJECTED,
                        "THREAD_CLOSED"),
                row(
                        "closed: at the article's auto-close date",
                        Rules.CLOSED_THREAD,
                        comment("hi", CLOSED),
                        autoClosingAt(CLOSED),
                        null,
                        PLAIN,
                        Decision.REJECTED,
                        "THREAD_CLOSED"),
                row(
                        "closed: before the article's auto-close date",
                        Rules.CLOSED_THREAD,
                        comment("hi", CLOSED.minusMillis(1)),
                        autoClosingAt(CLOSED),
                        null,
                        PLAIN,
                        null,
                        null),
                row(
                        "closed: N days after publication",
                        Rules.CLOSED_THREAD,
                        comment("hi", OPENED.plus(Duration.ofDays(7))),
                        publishedAt(OPENED, null),
                        null,
                        rules().autoCloseDays(7).build(),
                        Decision.REJECTED,
                        "THREAD_CLOSED"),
                row(
                        "closed: just before N days after publication",
                        Rules.CLOSED_THREAD,
                        comment("hi", OPENED.plus(Duration.ofDays(7)).minusMillis(1)),
                        publishedAt(OPENED, null),
                        null,
                        rules().autoCloseDays(7).build(),
                        null,
                        null),
                row(
                        "closed: the article's own later auto-close date overrides the N days",
                        Rules.CLOSED_THREAD,
                        comment("hi", OPENED.plus(Duration.ofDays(8))),
                        publishedAt(OPENED, OPENED.plus(Duration.ofDays(30))),
                        null,
                        rules().autoCloseDays(7).build(),
                        null,
                        null),
                row(
                        "closed: N days off (0) leaves old threads open",
                        Rules.CLOSED_THREAD,
                        comment("hi", OPENED.plus(Duration.ofDays(900))),
                        publishedAt(OPENED, null),
                        null,
                        PLAIN,
                        null,
                        null),
                row(
                        "closed: an open thread is fine",
                        Rules.CLOSED_THREAD,
                        comment("hi"),
                        open(),
                        null,
                        PLAIN,
                        null,
                        null),
                row(
                        "closed: an unknown article is not this rule's business",
                        Rules.CLOSED_THREAD,
                        comment("hi"),
                        null,
                        null,
                        PLAIN,
                        null,
                        null),
                row(
                        "unknown: no article state is held",
                        Rules.UNKNOWN_ARTICLE,
                        comment("hi"),
                        null,
                        null,
                        PLAIN,
                        Decision.HELD,
                        "ARTICLE_UNKNOWN"),
                row("unknown: a known article is fine", Rules.UNKNOWN_ARTICLE, comment("hi"), PLAIN, null, null),
                row("length: empty", Rules.LENGTH, comment(""), PLAIN, Decision.REJECTED, "EMPTY"),
                row("length: only white space", Rules.LENGTH, comment("  \n\t "), PLAIN, Decision.REJECTED, "EMPTY"),
                row(
                        "length: at the limit",
                        Rules.LENGTH,
                        comment("x".repeat(20)),
                        rules().maxLength(20).build(),
                        null,
                        null),
                row(
                        "length: over the limit",
                        Rules.LENGTH,
                        comment("x".repeat(21)),
                        rules().maxLength(20).build(),
                        Decision.REJECTED,
                        "TOO_LONG"),
                row(
                        "length: counts characters, not UTF-16 units",
                        Rules.LENGTH,
                        comment("\uD83D\uDE00".repeat(20)),
                        rules().maxLength(20).build(),
                        null,
                        null),
                row(
                        "banned: a banned word",
                        Rules.BANNED_WORDS,
                        comment("you idiot"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: any case",
                        Rules.BANNED_WORDS,
                        comment("You IDIOT!"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: only whole words",
                        Rules.BANNED_WORDS,
                        comment("idiotic idiots scummy"),
                        words,
                        null,
                        null),
                row(
                        "banned: after NFKC (full-width letters)",
                        Rules.BANNED_WORDS,
                        comment("you \uFF49\uFF44\uFF49\uFF4F\uFF54"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: a zero-width space inside the word",
                        Rules.BANNED_WORDS,
                        comment("you id\u200Biot"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: repeated letters",
                        Rules.BANNED_WORDS,
                        comment("so baaaad"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: dots between letters",
                        Rules.BANNED_WORDS,
                        comment("so b.a.d"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: spaces between letters",
                        Rules.BANNED_WORDS,
                        comment("so b a d!"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: digits for letters",
                        Rules.BANNED_WORDS,
                        comment("you 1d10t"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: symbols for letters",
                        Rules.BANNED_WORDS,
                        comment("$cum and b@d"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: 4 and 5 and 7 swaps",
                        Rules.BANNED_WORDS,
                        comment("5CUM"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: a word with regex metacharacters matches literally",
                        Rules.BANNED_WORDS,
                        comment("I write C++ daily"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row("banned: a dot in a word is not a wildcard", Rules.BANNED_WORDS, comment("axb"), words, null, null),
                row(
                        "banned: a dotted word itself",
                        Rules.BANNED_WORDS,
                        comment("see a.b now"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: parentheses match literally",
                        Rules.BANNED_WORDS,
                        comment("look (x) here"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: a character class in the list is not a regex",
                        Rules.BANNED_WORDS,
                        comment("plain words only"),
                        words,
                        null,
                        null),
                row(
                        "banned: a phrase",
                        Rules.BANNED_WORDS,
                        comment("what a Stupid  Fool"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "banned: a clean comment",
                        Rules.BANNED_WORDS,
                        comment("a fine point, badge holder"),
                        words,
                        null,
                        null),
                row("banned: nothing banned", Rules.BANNED_WORDS, comment("idiot"), PLAIN, null, null),

                // spoofing: bidi controls, invisible characters, marks, look-alike letters (UTS #39 skeletons)
                row(
                        "spoof: reversed under a right-to-left override, shown as the word",
                        Rules.BANNED_WORDS,
                        comment("you \u202Etoidi\u202C!"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: an override never closed still reverses to the end",
                        Rules.BANNED_WORDS,
                        comment("so \u202Edab"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: inside an override, stored in order",
                        Rules.BANNED_WORDS,
                        comment("\u202Eidiot\u202C"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: inside an embedding and an isolate",
                        Rules.BANNED_WORDS,
                        comment("\u202Bid\u2067iot\u2069\u202C"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: joiners, word joiner and soft hyphen inside the word",
                        Rules.BANNED_WORDS,
                        comment("i\u200Dd\u2060i\u00ADo\u200Ct"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: a tag character inside the word",
                        Rules.BANNED_WORDS,
                        comment("sc\uDB40\uDC41um"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: a combining overlay on every letter",
                        Rules.BANNED_WORDS,
                        comment("so b\u0336a\u0336d\u0336"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: Cyrillic look-alike letters",
                        Rules.BANNED_WORDS,
                        comment("you \u0456d\u0456\u043et"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: Cyrillic capitals",
                        Rules.BANNED_WORDS,
                        comment("\u0406D\u0406\u041e\u0422"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: Greek look-alike letters",
                        Rules.BANNED_WORDS,
                        comment("\u03b9d\u03b9\u03bft"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: mathematical bold letters",
                        Rules.BANNED_WORDS,
                        comment("\uD835\uDC1B\uD835\uDC1A\uD835\uDC1D"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: rn for m",
                        Rules.BANNED_WORDS,
                        comment("what a rnoron"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: repeats of a letter whose skeleton is two letters",
                        Rules.BANNED_WORDS,
                        comment("mmoronnn"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: a listed Cyrillic word in capitals",
                        Rules.BANNED_WORDS,
                        comment("\u0414\u0423\u0420\u0410\u041a!"),
                        words,
                        Decision.REJECTED,
                        "BANNED_WORD"),
                row(
                        "spoof: a reversed word without an override is another word",
                        Rules.BANNED_WORDS,
                        comment("toidi dab"),
                        words,
                        null,
                        null),
                row(
                        "spoof: an override around a harmless word",
                        Rules.BANNED_WORDS,
                        comment("\u202Edoog\u202C"),
                        words,
                        null,
                        null),
                row(
                        "spoof: French accents are ordinary words",
                        Rules.BANNED_WORDS,
                        comment("tr\u00e8s bien, une id\u00e9e"),
                        words,
                        null,
                        null),
                row(
                        "spoof: German sharp s is an ordinary word",
                        Rules.BANNED_WORDS,
                        comment("die Stra\u00dfe ist sch\u00f6n"),
                        words,
                        null,
                        null),
                row(
                        "spoof: a Russian sentence is not a look-alike of a listed word",
                        Rules.BANNED_WORDS,
                        comment("\u042d\u0442\u043e \u0445\u043e\u0440\u043e\u0448\u0438\u0439 "
                                + "\u043f\u0440\u0438\u043c\u0435\u0440, \u0434\u0440\u0443\u0433"),
                        words,
                        null,
                        null),
                row(
                        "spoof: a Greek sentence is not a look-alike of a listed word",
                        Rules.BANNED_WORDS,
                        comment("\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 " + "\u03ba\u03cc\u03c3\u03bc\u03b5"),
                        words,
                        null,
                        null),
                row(
                        "suspect: a suspect word holds",
                        Rules.SUSPECT_WORDS,
                        comment("buy CRYPT0 now"),
                        words,
                        Decision.HELD,
                        "SUSPECT_WORD"),
                row("suspect: a clean comment", Rules.SUSPECT_WORDS, comment("cryptography is fun"), words, null, null),
                row(
                        "suspect: Cyrillic look-alikes hold too",
                        Rules.SUSPECT_WORDS,
                        comment("buy \u0441\u0433\u0443\u0440\u0442\u043e now"),
                        words,
                        Decision.HELD,
                        "SUSPECT_WORD"),
                row(
                        "links: as many as allowed",
                        Rules.LINKS,
                        comment("https://a.example and www.b.example"),
                        PLAIN,
                        null,
                        null),
                row(
                        "links: one too many",
                        Rules.LINKS,
                        comment("http://a.example https://b.example www.c.example"),
                        PLAIN,
                        Decision.HELD,
                        "TOO_MANY_LINKS"),
                row(
                        "links: none allowed",
                        Rules.LINKS,
                        comment("see https://a.example"),
                        rules().maxLinks(0).build(),
                        Decision.HELD,
                        "TOO_MANY_LINKS"),
                row(
                        "duplicate: same text within the window",
                        Rules.DUPLICATES,
                        comment("Hello  World"),
                        open(),
                        history(true, 30, "hello world"),
                        PLAIN,
                        Decision.REJECTED,
                        "DUPLICATE"),
                row(
                        "duplicate: same text outside the window",
                        Rules.DUPLICATES,
                        comment("Hello World"),
                        open(),
                        history(true, 601, "Hello World"),
                        PLAIN,
                        null,
                        null),
                row(
                        "duplicate: different text",
                        Rules.DUPLICATES,
                        comment("Hello there"),
                        open(),
                        history(true, 30, "Hello World"),
                        PLAIN,
                        null,
                        null),
                row(
                        "duplicate: switched off",
                        Rules.DUPLICATES,
                        comment("Hello World"),
                        open(),
                        history(true, 30, "Hello World"),
                        rules().duplicateWindow(0).build(),
                        null,
                        null),
                row(
                        "flood: at the limit",
                        Rules.FLOOD_LIMIT,
                        comment("fifth"),
                        open(),
                        history(true, 1, "a", 2, "b", 3, "c", 59, "d"),
                        PLAIN,
                        null,
                        null),
                row(
                        "flood: over the limit",
                        Rules.FLOOD_LIMIT,
                        comment("sixth"),
                        open(),
                        history(true, 1, "a", 2, "b", 3, "c", 4, "d", 59, "e"),
                        PLAIN,
                        Decision.REJECTED,
                        "FLOOD"),
                row(
                        "flood: old comments do not count",
                        Rules.FLOOD_LIMIT,
                        comment("sixth"),
                        open(),
                        history(true, 1, "a", 2, "b", 3, "c", 4, "d", 60, "e"),
                        PLAIN,
                        null,
                        null),
                row(
                        "flood: switched off",
                        Rules.FLOOD_LIMIT,
                        comment("x"),
                        open(),
                        history(true, 1, "a", 2, "b"),
                        rules().flood(0, 60).build(),
                        null,
                        null),
                row(
                        "banned author: listed",
                        Rules.BANNED_AUTHORS,
                        by("Troll", "hi"),
                        rules().bannedAuthors("troll").build(),
                        Decision.REJECTED,
                        "BANNED_AUTHOR"),
                row(
                        "banned author: full-width name",
                        Rules.BANNED_AUTHORS,
                        by("\uFF34roll", "hi"),
                        rules().bannedAuthors("troll").build(),
                        Decision.REJECTED,
                        "BANNED_AUTHOR"),
                row(
                        "banned author: someone else",
                        Rules.BANNED_AUTHORS,
                        by("Trolley", "hi"),
                        rules().bannedAuthors("troll").build(),
                        null,
                        null),
                row(
                        "banned author: reversed under a right-to-left override",
                        Rules.BANNED_AUTHORS,
                        by("\u202Ellort", "hi"),
                        rules().bannedAuthors("troll").build(),
                        Decision.REJECTED,
                        "BANNED_AUTHOR"),
                row(
                        "banned author: an override after the name",
                        Rules.BANNED_AUTHORS,
                        by("Troll\u202E", "hi"),
                        rules().bannedAuthors("troll").build(),
                        Decision.REJECTED,
                        "BANNED_AUTHOR"),
                row(
                        "banned author: a Cyrillic capital Te",
                        Rules.BANNED_AUTHORS,
                        by("\u0422roll", "hi"),
                        rules().bannedAuthors("troll").build(),
                        Decision.REJECTED,
                        "BANNED_AUTHOR"),
                row(
                        "banned author: a Cyrillic small te",
                        Rules.BANNED_AUTHORS,
                        by("\u0442roll", "hi"),
                        rules().bannedAuthors("troll").build(),
                        Decision.REJECTED,
                        "BANNED_AUTHOR"),
                row(
                        "banned author: a zero-width space and overlays",
                        Rules.BANNED_AUTHORS,
                        by("T\u0336r\u200Bo\u0336ll", "hi"),
                        rules().bannedAuthors("troll").build(),
                        Decision.REJECTED,
                        "BANNED_AUTHOR"),
                row(
                        "banned author: a Russian name is someone else",
                        Rules.BANNED_AUTHORS,
                        by("\u0422\u0440\u043e\u043b\u043b", "hi"),
                        rules().bannedAuthors("troll").build(),
                        null,
                        null),
                row(
                        "pre-moderation: everything",
                        Rules.PRE_MODERATION_MODES,
                        comment("hi"),
                        rules().preModerateAll().build(),
                        Decision.HELD,
                        "PRE_MODERATION"),
                row(
                        "pre-moderation: this article",
                        Rules.PRE_MODERATION_MODES,
                        comment("hi"),
                        rules().preModerate(ARTICLE).build(),
                        Decision.HELD,
                        "PRE_MODERATED_ARTICLE"),
                row(
                        "pre-moderation: another article",
                        Rules.PRE_MODERATION_MODES,
                        comment("hi"),
                        rules().preModerate(UUID.randomUUID()).build(),
                        null,
                        null),
                row(
                        "pre-moderation: a new author",
                        Rules.PRE_MODERATION_MODES,
                        comment("hi"),
                        open(),
                        history(false),
                        rules().preModerateNewAuthors().build(),
                        Decision.HELD,
                        "NEW_AUTHOR"),
                row(
                        "pre-moderation: an author with an approved comment",
                        Rules.PRE_MODERATION_MODES,
                        comment("hi"),
                        open(),
                        history(true),
                        rules().preModerateNewAuthors().build(),
                        null,
                        null),
                row(
                        "pre-moderation: off",
                        Rules.PRE_MODERATION_MODES,
                        comment("hi"),
                        open(),
                        history(false),
                        PLAIN,
                        null,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFindsWhatItShould(
            String name,
            ModerationRule rule,
            Judged judged,
            RuleSet rules,
            Decision expectedDecision,
            String expectedCode) {
        Optional<Finding> finding = rule.check(judged, rules);

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

    @Test
    void reportsHideAtTheThresholdAndNotBefore() {
        RuleSet three = rules().reportThreshold(3).build();

        assertThat(Rules.reports(2, three)).isEmpty();
        assertThat(Rules.reports(3, three)).hasValueSatisfying(found -> {
            assertThat(found.decision()).isEqualTo(Decision.HELD);
            assertThat(found.reason().code()).isEqualTo("REPORTED");
        });
        assertThat(Rules.reports(100, rules().reportThreshold(0).build()))
                .as("0 = off")
                .isEmpty();
    }
}
