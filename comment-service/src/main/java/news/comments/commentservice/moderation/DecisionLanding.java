package news.comments.commentservice.moderation;

import java.time.Clock;
import java.util.Optional;
import news.comments.commentservice.comment.CommentStatus;
import news.comments.commentservice.common.Timestamps;
import news.comments.events.CommentModerated;
import news.comments.events.CommentStatusChanged;
import news.comments.events.Decision;
import news.comments.events.Topics;
import news.comments.support.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lands a moderation decision: records it in the history once, and lets it set the comment's status
 * when it should. The automatic decision counts only while the comment is PENDING (a moderator who
 * decided first wins), except a report-triggered HELD, which hides an APPROVED comment when it is newer than
 * the decision applied; a moderator's decision counts when it is newer than the one applied.
 */
@Service
public class DecisionLanding {

    private static final Logger log = LoggerFactory.getLogger(DecisionLanding.class);

    public enum Outcome { APPLIED, RECORDED_ONLY, REPLAYED, UNKNOWN_COMMENT }

    private final DecisionRepository decisions;
    private final Outbox outbox;
    private final Clock clock;

    DecisionLanding(DecisionRepository decisions, Outbox outbox, Clock clock) {
        this.decisions = decisions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Outcome land(CommentModerated decision) {
        Optional<DecisionRepository.Locked> before = decisions.lockComment(decision.commentId());
        if (before.isEmpty()) {
            // Comments are committed before their submission event leaves, so this is not a race to wait out.
            log.warn("decision {} is for unknown comment {}; skipped", decision.decisionId(), decision.commentId());
            return Outcome.UNKNOWN_COMMENT;
        }
        if (!decisions.insertIfNew(decision)) {
            log.debug("decision {} already landed", decision.decisionId());
            return Outcome.REPLAYED;
        }
        boolean applied = decision.automatic() ? decisions.applyAutomatic(decision) : decisions.applyIfNewer(decision);
        log.info("comment {} decision {} by {}: {}", decision.commentId(), decision.decision(), decision.decidedBy(),
                applied ? "applied" : "recorded in history only");
        if (applied && CommentStatus.of(decision.decision()) != before.get().status()) {
            publishStatusChange(decision, before.get());
        }
        return applied ? Outcome.APPLIED : Outcome.RECORDED_ONLY;
    }

    private void publishStatusChange(CommentModerated decision, DecisionRepository.Locked before) {
        Decision previous = before.status() == CommentStatus.PENDING ? null : Decision.valueOf(before.status().name());
        long version = decisions.nextStatusVersion(decision.commentId());
        outbox.publish(Topics.COMMENT_STATUS, new CommentStatusChanged(decision.commentId(), before.articleId(),
                decision.decision(), previous, version, Timestamps.truncate(clock.instant())));
    }
}
