package news.comments.moderationservice.ruleset;

import news.comments.web.problem.ProblemException;

/** Where a moderator's change goes to be decided: the proposals topic in the running service. */
@FunctionalInterface
public interface RuleProposals {

    /** @throws ProblemException KAFKA_UNAVAILABLE (503) when the proposal was not accepted */
    void send(RuleSetProposal proposal);
}
