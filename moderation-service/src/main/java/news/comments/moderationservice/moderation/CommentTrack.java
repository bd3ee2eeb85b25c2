package news.comments.moderationservice.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;

/**
 * What moderation knows of one comment after its submission: its author, its status as the decisions on the
 * topic set it (the same landing rules as comment-service), and the reader reports since the last decision
 * by a moderator.
 *
 * @param status      null until the first decision is seen
 * @param statusAt    decidedAt of the decision that set the status
 * @param reportIds   distinct reports since the last moderator decision (a redelivered report counts once)
 * @param hiddenByReports whether the reports already hid it in this round
 */
record CommentTrack(UUID articleId, String author, Decision status, Instant statusAt, List<UUID> reportIds,
        boolean hiddenByReports) {

    /** At most this many report ids are kept; far above any sensible threshold. */
    static final int MAX_REPORTS = 1000;

    CommentTrack {
        reportIds = reportIds == null ? List.of() : List.copyOf(reportIds);
    }

    static CommentTrack submitted(UUID articleId, String author) {
        return new CommentTrack(articleId, author, null, null, List.of(), false);
    }

    /** The track after {@code decision}, or this one when the decision does not change the status. */
    CommentTrack after(CommentModerated decision) {
        boolean applies;
        if (decision.automatic()) {
            applies = status == null
                    || (decision.decision() == Decision.HELD && status == Decision.APPROVED
                            && (statusAt == null || decision.decidedAt().isAfter(statusAt)));
        } else {
            applies = statusAt == null || decision.decidedAt().isAfter(statusAt);
        }
        if (!applies) {
            return this;
        }
        // A moderator's decision starts a new round of reports; an automatic one keeps the count.
        List<UUID> reports = decision.automatic() ? reportIds : List.of();
        boolean hidden = decision.automatic() && hiddenByReports;
        return new CommentTrack(articleId, author, decision.decision(), decision.decidedAt(), reports, hidden);
    }

    CommentTrack withReport(UUID reportId) {
        if (reportIds.contains(reportId) || reportIds.size() >= MAX_REPORTS) {
            return this;
        }
        List<UUID> reports = new ArrayList<>(reportIds);
        reports.add(reportId);
        return new CommentTrack(articleId, author, status, statusAt, reports, hiddenByReports);
    }

    CommentTrack hidden() {
        return new CommentTrack(articleId, author, status, statusAt, reportIds, true);
    }
}
