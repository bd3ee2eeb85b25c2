package news.comments.commentservice.moderation;

import static news.comments.commentservice.common.Timestamps.fromDb;
import static news.comments.commentservice.common.Timestamps.toDb;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.comments.commentservice.comment.CommentStatus;
import news.comments.commentservice.common.ReasonsJson;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Moderation history (comment_decision) and the status it drives on the comment row. */
@Repository
class DecisionRepository {

    private final JdbcClient jdbc;
    private final ReasonsJson reasonsJson;

    DecisionRepository(JdbcClient jdbc, ReasonsJson reasonsJson) {
        this.jdbc = jdbc;
        this.reasonsJson = reasonsJson;
    }

    /** A comment as it stood before a decision landed. */
    record Locked(UUID articleId, CommentStatus status) {
    }

    /** Locks the comment row so decisions on one comment land one at a time; empty if no such comment. */
    Optional<Locked> lockComment(UUID commentId) {
        return jdbc.sql("SELECT article_id, status FROM comment WHERE id = :id FOR UPDATE")
                .param("id", commentId)
                .query((rs, row) -> new Locked(rs.getObject("article_id", UUID.class),
                        CommentStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    /** Counts one more change of the comment's status (under the row lock) and returns the new version. */
    long nextStatusVersion(UUID commentId) {
        return jdbc.sql("UPDATE comment SET status_version = status_version + 1 WHERE id = :id RETURNING status_version")
                .param("id", commentId)
                .query(Long.class)
                .single();
    }

    /** @return false when this decision was already recorded (a replay or redelivery) */
    boolean insertIfNew(CommentModerated d) {
        return jdbc.sql("""
                        INSERT INTO comment_decision (decision_id, comment_id, decision, reasons, decided_by, rules_version, decided_at, note)
                        VALUES (:decisionId, :commentId, :decision, :reasons::jsonb, :decidedBy, :rulesVersion, :decidedAt, :note)
                        ON CONFLICT (decision_id) DO NOTHING
                        """)
                .param("decisionId", d.decisionId())
                .param("commentId", d.commentId())
                .param("decision", d.decision().name())
                .param("reasons", reasonsJson.write(d.reasons()))
                .param("decidedBy", d.decidedBy())
                .param("rulesVersion", d.rulesVersion())
                .param("decidedAt", toDb(d.decidedAt()))
                .param("note", d.note())
                .update() > 0;
    }

    /**
     * An automatic decision settles a comment nobody has decided on yet. The one exception is a HELD that
     * moderation publishes when readers' reports reach the threshold on an approved comment: it hides that
     * comment, unless a decision newer than it has already been applied.
     */
    boolean applyAutomatic(CommentModerated d) {
        if (d.decision() == Decision.HELD) {
            return apply(d, "(status = 'PENDING' OR (status = 'APPROVED'"
                    + " AND (applied_decided_at IS NULL OR applied_decided_at < :decidedAt)))");
        }
        return apply(d, "status = 'PENDING'");
    }

    /** A moderator's decision replaces any earlier one. */
    boolean applyIfNewer(CommentModerated d) {
        return apply(d, "(applied_decided_at IS NULL OR applied_decided_at < :decidedAt)");
    }

    private boolean apply(CommentModerated d, String condition) {
        return jdbc.sql("UPDATE comment SET status = :status, reasons = :reasons::jsonb,"
                        + " applied_decision_id = :decisionId, applied_decided_at = :decidedAt"
                        + " WHERE id = :id AND " + condition)
                .param("status", CommentStatus.of(d.decision()).name())
                .param("reasons", reasonsJson.write(d.reasons()))
                .param("decisionId", d.decisionId())
                .param("decidedAt", toDb(d.decidedAt()))
                .param("id", d.commentId())
                .update() > 0;
    }

    boolean isApplied(UUID commentId, UUID decisionId) {
        return jdbc.sql("SELECT count(*) FROM comment WHERE id = :id AND applied_decision_id = :decisionId")
                .param("id", commentId)
                .param("decisionId", decisionId)
                .query(Long.class)
                .single() > 0;
    }

    boolean isRecorded(UUID decisionId) {
        return jdbc.sql("SELECT count(*) FROM comment_decision WHERE decision_id = :decisionId")
                .param("decisionId", decisionId)
                .query(Long.class)
                .single() > 0;
    }

    List<HistoryItem> history(UUID commentId) {
        return jdbc.sql("""
                        SELECT decision, reasons::text AS reasons, decided_by, decided_at, note, rules_version
                        FROM comment_decision WHERE comment_id = :id
                        ORDER BY decided_at, received_seq
                        """)
                .param("id", commentId)
                .query((rs, row) -> new HistoryItem(
                        Decision.valueOf(rs.getString("decision")),
                        reasonsJson.read(rs.getString("reasons")),
                        rs.getString("decided_by"),
                        fromDb(rs, "decided_at"),
                        rs.getString("note"),
                        rs.getLong("rules_version")))
                .list();
    }
}
