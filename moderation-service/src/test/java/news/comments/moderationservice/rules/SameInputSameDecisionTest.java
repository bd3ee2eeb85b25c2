package news.comments.moderationservice.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import org.junit.jupiter.api.Test;

/**
 * Property: the same comment, context and rules always give the same decision, whichever engine instance
 * decides, however often, and in whatever order the author's history is listed. Many random inputs from a
 * seeded Random (the seed is in the failure message, so a failure can be replayed).
 */
class SameInputSameDecisionTest {

    private static final long SEED = 20_260_301L;
    private static final int RUNS = 3000;
    private static final String[] VOCABULARY = {
        "good",
        "article",
        "idiot",
        "1d10t",
        "b.a.d",
        "baaad",
        "crypto",
        "https://x.example",
        "www.y.example",
        "C++",
        "(x)",
        "\uFF49\uFF44\uFF49\uFF4F\uFF54",
        "caf\u00e9",
        "\u200B",
        "  ",
        "\n",
        "$cum",
        "hello",
        "world",
        "!",
        "a.b",
        "\uD83D\uDE00",
        "\u202Etoidi",
        "\u202C",
        "\u2067",
        "\u2069",
        "\u0456d\u0456\u043et",
        "b\u0336a\u0336d",
        "rnoron",
        "tr\u00e8s",
        "\u0434\u0443\u0440\u0430\u043a"
    };
    private static final String[] AUTHORS = {"ann", "Troll", "\u202Ellort", "\u0422roll", "\u0410nn"};
    private static final UUID ARTICLE = UUID.randomUUID();
    private static final Instant BASE = Instant.parse("2025-03-01T00:00:00Z");

    @Test
    void theSameCommentAndRulesAlwaysGiveTheSameDecision() {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            CommentSubmitted comment = new CommentSubmitted(
                    UUID.randomUUID(),
                    ARTICLE,
                    null,
                    AUTHORS[random.nextInt(AUTHORS.length)],
                    text(random),
                    BASE.plusSeconds(random.nextInt(100_000)));
            ArticleState article = article(random, comment.submittedAt());
            AuthorHistory history = history(random, comment.submittedAt());
            RuleSet rules = rules(random);

            Verdict first = RulesEngine.standard().decide(new Judged(comment, article, history), rules);
            List<AuthorHistory.Past> shuffled = new ArrayList<>(history.recent());
            Collections.shuffle(shuffled, random);
            RulesEngine other = RulesEngine.standard();
            for (int again = 0; again < 3; again++) {
                Verdict next = other.decide(
                        new Judged(comment, article, new AuthorHistory(shuffled, history.hasApproved())),
                        rules.withVersion(rules.version()));
                assertThat(next)
                        .as("seed %d run %d: %s", SEED, run, comment.text())
                        .isEqualTo(first);
            }
            assertThat(first.decision() == Decision.APPROVED)
                    .as("approved exactly when no rule fired, run %d", run)
                    .isEqualTo(first.reasons().isEmpty());
            assertThat(first.decision()).isNotEqualTo(Decision.REMOVED); // only moderators remove
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int words = random.nextInt(8);
        for (int i = 0; i < words; i++) {
            text.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return text.toString();
    }

    private static ArticleState article(Random random, Instant at) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 ->
                new ArticleState(
                        ARTICLE, "t", false, at.minusSeconds(random.nextInt(200) - 100), null, 2, at.minusSeconds(200));
            case 2 ->
                new ArticleState(
                        ARTICLE,
                        "t",
                        true,
                        null,
                        at.plusSeconds(random.nextInt(200) - 100),
                        1,
                        at.minusSeconds(500),
                        at.minusSeconds(500));
            default ->
                new ArticleState(
                        ARTICLE,
                        "t",
                        true,
                        null,
                        null,
                        1,
                        at.minusSeconds(random.nextInt(900_000)),
                        at.minusSeconds(random.nextInt(900_000)));
        };
    }

    private static AuthorHistory history(Random random, Instant at) {
        List<AuthorHistory.Past> past = new ArrayList<>();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            past.add(new AuthorHistory.Past(at.minusSeconds(random.nextInt(900)), AuthorHistory.textKey(text(random))));
        }
        return new AuthorHistory(past, random.nextBoolean());
    }

    private static RuleSet rules(Random random) {
        return new RuleSet(
                1 + random.nextInt(50),
                random.nextBoolean() ? List.of("idiot", "bad", "scum", "c++") : List.of(),
                random.nextBoolean() ? List.of("crypto", "a.b") : List.of(),
                random.nextInt(4),
                1 + random.nextInt(60),
                random.nextInt(3),
                random.nextInt(900),
                random.nextInt(6),
                1 + random.nextInt(600),
                random.nextBoolean() ? List.of("troll") : List.of(),
                random.nextInt(10) == 0,
                random.nextInt(10) == 0 ? Set.of(ARTICLE) : Set.of(),
                random.nextBoolean(),
                random.nextInt(5));
    }
}
