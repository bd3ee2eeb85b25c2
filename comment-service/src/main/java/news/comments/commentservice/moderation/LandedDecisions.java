package news.comments.commentservice.moderation;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Tells other features whether a decision has landed yet, and whether it set the comment's status. */
@Component
public class LandedDecisions {

    private final DecisionRepository decisions;

    LandedDecisions(DecisionRepository decisions) {
        this.decisions = decisions;
    }

    /** Empty while the decision has not landed; then whether it is the one that set the current status. */
    public Optional<Boolean> isCurrent(UUID commentId, UUID decisionId) {
        if (!decisions.isRecorded(decisionId)) {
            return Optional.empty();
        }
        return Optional.of(decisions.isApplied(commentId, decisionId));
    }
}
