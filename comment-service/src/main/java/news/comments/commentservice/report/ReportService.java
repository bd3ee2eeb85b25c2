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
import news.comments.support.web.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores a reader's report and records CommentReported for moderation in the same transaction. */
@Service
class ReportService {

    private final CommentRepository comments;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    ReportService(CommentRepository comments, JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.comments = comments;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    UUID report(UUID commentId, NewReport report) {
        Comment comment = comments.find(commentId)
                .orElseThrow(() -> ProblemException.notFound("No comment " + commentId));
        UUID id = UUID.randomUUID();
        Instant now = Timestamps.truncate(clock.instant());
        jdbc.sql("""
                        INSERT INTO comment_report (id, comment_id, article_id, reason, reported_at)
                        VALUES (:id, :commentId, :articleId, :reason, :reportedAt)
                        """)
                .param("id", id)
                .param("commentId", commentId)
                .param("articleId", comment.articleId())
                .param("reason", report.reason())
                .param("reportedAt", toDb(now))
                .update();
        outbox.publish(Topics.COMMENT_REPORTED,
                new CommentReported(id, commentId, comment.articleId(), report.reason(), now));
        return id;
    }
}
