package news.comments.moderationservice.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import news.comments.events.Decision;
import news.comments.events.Reason;

/**
 * Decides a comment by the rules: pure code, no I/O, the same inputs always give the same verdict. A closed
 * thread decides alone (nothing else matters about a comment that came too late). Otherwise every rule runs,
 * the strictest decision wins (REJECTED over HELD over APPROVED) and the reasons of all rules that fired are
 * listed, in rule order.
 */
public final class RulesEngine {

    private final ModerationRule closedThread;
    private final List<ModerationRule> rules;

    public RulesEngine(ModerationRule closedThread, List<ModerationRule> rules) {
        this.closedThread = closedThread;
        this.rules = List.copyOf(rules);
    }

    public static RulesEngine standard() {
        return new RulesEngine(
                Rules.CLOSED_THREAD,
                List.of(
                        Rules.UNKNOWN_ARTICLE,
                        Rules.LENGTH,
                        Rules.BANNED_AUTHORS,
                        Rules.BANNED_WORDS,
                        Rules.DUPLICATES,
                        Rules.FLOOD_LIMIT,
                        Rules.SUSPECT_WORDS,
                        Rules.LINKS,
                        Rules.PRE_MODERATION_MODES));
    }

    public Verdict decide(Judged judged, RuleSet ruleSet) {
        Optional<Finding> closed = closedThread.check(judged, ruleSet);
        if (closed.isPresent()) {
            return new Verdict(closed.get().decision(), List.of(closed.get().reason()));
        }
        Decision decision = Decision.APPROVED;
        List<Reason> reasons = new ArrayList<>();
        for (ModerationRule rule : rules) {
            Optional<Finding> finding = rule.check(judged, ruleSet);
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
