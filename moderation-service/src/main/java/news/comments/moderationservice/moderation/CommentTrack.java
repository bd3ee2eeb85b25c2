package news.comments.moderationservice.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.CommentReported;
import news.comments.events.Decision;

/**
 * What moderation knows of one comment once it is decided: its author, its status as the decisions set it
 * (the same landing rules as comment-service), and the readers who reported it since the last decision by a
 * moderator. The topology writes it itself as it takes or forwards each decision; it does not read the
 * decisions topic back.
 *
 * @param submittedAt the comment's submission time: where the track sits in the window store that keeps it
 *                    (null in tracks stored before it was kept)
 * @param status      null until the first decision
 * @param statusAt    decidedAt of the decision that set the status
 * @param reporters   distinct reporters since the last moderator decision: a report's reporterId, or its
 *                    reportId for a report that names no reporter (so a redelivered report counts once)
 * @param hiddenByReports whether the reports already hid it in this round
 */
record CommentTrack(
        UUID articleId,
        Instant submittedAt,
        String author,
        Decision status,
        Instant statusAt,
        List<String> reporters,
        boolean hiddenByReports) {

    /** At most this many reporters are kept; far above any sensible threshold. */
    static final int MAX_REPORTS = 1000;

    CommentTrack {
        reporters = reporters == null ? List.of() : List.copyOf(reporters);
    }

    static CommentTrack submitted(UUID articleId, Instant submittedAt, String author) {
        return new CommentTrack(articleId, submittedAt, author, null, null, List.of(), false);
    }

    /** The track after {@code decision}, or this one when the decision does not change the status. */
    CommentTrack after(CommentModerated decision) {
        boolean applies;
        if (decision.automatic()) {
            applies = status == null
                    || (decision.decision() == Decision.HELD
                            && status == Decision.APPROVED
                            && (statusAt == null || decision.decidedAt().isAfter(statusAt)));
        } else {
            applies = statusAt == null || decision.decidedAt().isAfter(statusAt);
        }
        if (!applies) {
            return this;
        }
        // A moderator's decision starts a new round of reports; an automatic one keeps the count.
        List<String> reports = decision.automatic() ? reporters : List.of();
        boolean hidden = decision.automatic() && hiddenByReports;
        return new CommentTrack(
                articleId, submittedAt, author, decision.decision(), decision.decidedAt(), reports, hidden);
    }

    /** The track with one more report; a reader who reported before (or a redelivered report) counts once. */
    CommentTrack withReport(CommentReported report) {
        String reporter = report.reporterId() != null
                ? "reporter:" + report.reporterId()
                : report.reportId().toString();
        if (reporters.contains(reporter) || reporters.size() >= MAX_REPORTS) {
            return this;
        }
        List<String> reports = new ArrayList<>(reporters);
        reports.add(reporter);
        return new CommentTrack(articleId, submittedAt, author, status, statusAt, reports, hiddenByReports);
    }

    CommentTrack hidden() {
        return new CommentTrack(articleId, submittedAt, author, status, statusAt, reporters, true);
    }
}
