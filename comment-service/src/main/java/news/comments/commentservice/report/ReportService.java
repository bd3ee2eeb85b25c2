package news.comments.commentservice.report;

import static news.comments.commentservice.common.Timestamps.toDb;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import news.comments.commentservice.comment.Comment;
import news.comments.commentservice.comment.CommentRepository;
import news.comments.commentservice.common.Timestamps;
import news.comments.events.CommentReported;
import news.comments.events.Topics;
import news.comments.support.outbox.Outbox;
import news.comments.web.problem.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a reader's report and records CommentReported for moderation in the same transaction. A reader
 * reports a comment once: a repeat finds the first report and changes nothing (no row, no event).
 */
@Service
class ReportService {

    private final CommentRepository comments;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final ReporterKeys reporterKeys;

    ReportService(CommentRepository comments, JdbcClient jdbc, Outbox outbox, Clock clock, ReporterKeys reporterKeys) {
        this.comments = comments;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.reporterKeys = reporterKeys;
    }

    @Transactional
    UUID report(UUID commentId, NewReport report, Reporter reporter) {
        Comment comment =
                comments.find(commentId).orElseThrow(() -> ProblemException.notFound("No comment " + commentId));
        String reporterKey = reporterKeys.keyOf(commentId, reporter);
        UUID id = UUID.randomUUID();
        Instant now = Timestamps.truncate(clock.instant());
        // Of two concurrent repeats one inserts; the other waits for it, skips, and reads its id below.
        boolean inserted = jdbc.sql("""
                        INSERT INTO comment_report (id, comment_id, article_id, reason, reported_at, reporter)
                        VALUES (:id, :commentId, :articleId, :reason, :reportedAt, :reporter)
                        ON CONFLICT (comment_id, reporter) DO NOTHING
                        """)
                        .param("id", id)
                        .param("commentId", commentId)
                        .param("articleId", comment.articleId())
                        .param("reason", report.reason())
                        .param("reportedAt", toDb(now))
                        .param("reporter", reporterKey)
                        .update()
                > 0;
        if (!inserted) {
            return jdbc.sql("SELECT id FROM comment_report WHERE comment_id = :commentId AND reporter = :reporter")
                    .param("commentId", commentId)
                    .param("reporter", reporterKey)
                    .query(UUID.class)
                    .single();
        }
        outbox.publish(
                Topics.COMMENT_REPORTED,
                new CommentReported(id, commentId, comment.articleId(), report.reason(), now, reporterKey));
        return id;
    }
}
