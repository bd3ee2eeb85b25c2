package news.comments.moderationservice.ruleset;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import news.comments.moderationservice.rules.InvalidRuleSetException;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;

/**
 * A moderator's change with optimistic concurrency. A change based on an older version than this instance
 * holds is refused at once; any other is proposed to the one writer of versions ({@link VersionAssigner}),
 * and the answer waits, bounded, until this instance holds version {@code basedOn + 1}: the change succeeded
 * if that version was made from its proposal, else another change won.
 */
public class RuleSetProposer {

    private final RuleVersions versions;
    private final RuleProposals proposals;
    private final Clock clock;
    private final Duration confirmTimeout;

    public RuleSetProposer(RuleVersions versions, RuleProposals proposals, Clock clock, Duration confirmTimeout) {
        this.versions = versions;
        this.proposals = proposals;
        this.clock = clock;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * @throws InvalidRuleSetException when the document is not a valid rule set
     * @throws ProblemException 409 when {@code basedOn} is not the version in force, or another change won;
     *     503 when Kafka did not take the change or it was not confirmed in time
     */
    public RuleVersion publish(long basedOn, RuleSetDocument document, String moderator) {
        RuleVersion inForce = versions.inForce();
        RuleSet next = document.toRuleSet(basedOn + 1);
        if (basedOn != inForce.version()) {
            throw stale(basedOn, inForce.version());
        }
        RuleSetProposal proposal = new RuleSetProposal(
                UUID.randomUUID(), basedOn, RuleSetDocument.of(next).toMap(), moderator, clock.instant());
        long started = System.nanoTime();
        proposals.send(proposal);
        Duration left = confirmTimeout.minusNanos(System.nanoTime() - started);
        RuleVersion published = versions.await(next.version(), left.isNegative() ? Duration.ZERO : left)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.RULES_NOT_CONFIRMED,
                        "The change was sent but version " + next.version()
                                + " did not arrive in time; GET the rules to see whether it is in force."));
        if (proposal.proposalId().equals(published.proposalId())) {
            return published;
        }
        throw stale(basedOn, Math.max(published.version(), versions.inForce().version()));
    }

    static ProblemException stale(long basedOn, long current) {
        return new ProblemException(
                        ProblemType.STALE_RULES_VERSION,
                        "The change is based on version " + basedOn + " but version " + current
                                + " is in force; GET the rules, apply your change again and PUT it with version "
                                + current + ".")
                .withProperty("currentVersion", current);
    }
}
