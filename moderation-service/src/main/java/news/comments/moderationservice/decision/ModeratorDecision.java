package news.comments.moderationservice.decision;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import news.comments.events.Decision;

/**
 * A moderator's decision on one comment: the body of {@code POST /api/moderation/comments/{id}/decisions}. It names
 * the comment's article (the console shows the comment with it), which is where the decision is keyed.
 */
public record ModeratorDecision(
        @NotNull UUID articleId,
        @NotNull Action decision,
        @Size(max = 2000) String note) {

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
