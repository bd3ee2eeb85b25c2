package news.comments.moderationservice.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import news.comments.events.Reason;

/**
 * Decides a comment by the rules: pure code, no I/O. A closed thread decides alone (nothing else matters
 * about a comment that came too late). Otherwise every rule runs, the strictest decision wins
 * (REJECTED over HELD over APPROVED) and the reasons of all rules that fired are listed.
 */
public final class RulesEngine {

    private final ModerationRule closedThread;
    private final List<ModerationRule> rules;

    public RulesEngine(ModerationRule closedThread, List<ModerationRule> rules) {
        this.closedThread = closedThread;
        this.rules = List.copyOf(rules);
    }

    /** The standard rules. */
    public static RulesEngine standard() {
        return new RulesEngine(new ClosedThreadRule(), List.of(
                new UnknownArticleRule(),
                new LengthRule(),
                new BannedWordsRule(),
                new LinkLimitRule()));
    }

    /**
     * @param comment                   the comment
     * @param articleAsOfSubmission     the article's state at the comment's submission time, or {@code null}
     * @param ruleSet                   the rules in force
     */
    public Verdict decide(CommentSubmitted comment, ArticleState articleAsOfSubmission, RuleSet ruleSet) {
        Optional<Finding> closed = closedThread.check(comment, articleAsOfSubmission, ruleSet);
        if (closed.isPresent()) {
            return new Verdict(closed.get().decision(), List.of(closed.get().reason()));
        }
        Decision decision = Decision.APPROVED;
        List<Reason> reasons = new ArrayList<>();
        for (ModerationRule rule : rules) {
            Optional<Finding> finding = rule.check(comment, articleAsOfSubmission, ruleSet);
            if (finding.isPresent()) {
                reasons.add(finding.get().reason());
                decision = stricter(decision, finding.get().decision());
            }
        }
        return new Verdict(decision, reasons);
    }

    private static Decision stricter(Decision a, Decision b) {
        return severity(b) > severity(a) ? b : a;
    }

    private static int severity(Decision decision) {
        return switch (decision) {
            case APPROVED -> 0;
            case HELD -> 1;
            case REJECTED -> 2;
            case REMOVED -> 3;
        };
    }
}
