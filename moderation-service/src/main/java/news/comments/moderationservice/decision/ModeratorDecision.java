package news.comments.moderationservice.decision;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import news.comments.events.Decision;

/** A moderator's decision on one comment: the body of {@code POST /api/moderation/comments/{id}/decisions}. */
public record ModeratorDecision(
        @NotNull Action decision, @Size(max = 2000) String note) {

    public enum Action {
        APPROVE(Decision.APPROVED),
        REJECT(Decision.REJECTED),
        REMOVE(Decision.REMOVED);

        private final Decision outcome;

        Action(Decision outcome) {
            this.outcome = outcome;
        }

        public Decision outcome() {
            return outcome;
        }
    }
}
