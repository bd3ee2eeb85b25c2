package news.comments.commentservice.moderation;

import static news.comments.commentservice.common.Timestamps.fromDb;
import static news.comments.commentservice.common.Timestamps.toDbText;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import news.comments.commentservice.comment.CommentStatus;
import news.comments.commentservice.common.ReasonsJson;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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
    record Locked(UUID articleId, CommentStatus status) {}

    /** A decision as recorded in the history: its id with the comment it is about. */
    record Recorded(UUID decisionId, UUID commentId) {

        static Recorded of(CommentModerated d) {
            return new Recorded(d.decisionId(), d.commentId());
        }
    }

    /**
     * Locks the comment rows, so decisions on one comment land one at a time, and tells how each stood. Rows
     * are locked in id order, so two landings never wait for each other in a circle. Unknown ids are left out.
     */
    Map<UUID, Locked> lockComments(List<UUID> commentIds) {
        Map<UUID, Locked> locked = new HashMap<>();
        jdbc.sql("SELECT id, article_id, status FROM comment WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
                .param("ids", new SqlArrayValue("uuid", (Object[]) commentIds.toArray(UUID[]::new)))
                .query(rs -> {
                    locked.put(
                            rs.getObject("id", UUID.class),
                            new Locked(
                                    rs.getObject("article_id", UUID.class),
                                    CommentStatus.valueOf(rs.getString("status"))));
                });
        return locked;
    }

    /**
     * Adds the decisions to the history, in the order given, skipping those already there (a replay or a
     * redelivery: the decision id is the key).
     *
     * @return the decisions recorded now
     */
    Set<Recorded> recordNew(List<CommentModerated> decisions) {
        Columns c = new Columns(decisions, reasonsJson);
        Set<Recorded> recorded = new HashSet<>();
        jdbc.sql("""
                        INSERT INTO comment_decision (decision_id, comment_id, decision, reasons, decided_by, rules_version, decided_at, note)
                        SELECT d.decision_id, d.comment_id, d.decision, d.reasons::jsonb, d.decided_by, d.rules_version, d.decided_at, d.note
                        FROM unnest(:decisionIds, :commentIds, :decisions, :reasons, :decidedBy, :rulesVersions, :decidedAt, :notes)
                             WITH ORDINALITY AS d(decision_id, comment_id, decision, reasons, decided_by, rules_version, decided_at, note, n)
                        ORDER BY d.n
                        ON CONFLICT (decision_id) DO NOTHING
                        RETURNING decision_id, comment_id
                        """)
                .param("decisionIds", new SqlArrayValue("uuid", (Object[]) c.decisionIds))
                .param("commentIds", new SqlArrayValue("uuid", (Object[]) c.commentIds))
                .param("decisions", new SqlArrayValue("text", (Object[]) c.decisions))
                .param("reasons", new SqlArrayValue("text", (Object[]) c.reasons))
                .param("decidedBy", new SqlArrayValue("text", (Object[]) c.decidedBy))
                .param("rulesVersions", new SqlArrayValue("bigint", (Object[]) c.rulesVersions))
                .param("decidedAt", new SqlArrayValue("timestamptz", (Object[]) c.decidedAt))
                .param("notes", new SqlArrayValue("text", (Object[]) c.notes))
                .query(rs -> {
                    recorded.add(new Recorded(
                            rs.getObject("decision_id", UUID.class), rs.getObject("comment_id", UUID.class)));
                });
        return recorded;
    }

    /**
     * Lets each decision set its comment's status when it should (one decision per comment), and counts a
     * change of status in status_version. An automatic decision settles a comment nobody has decided on yet.
     * The one exception is a HELD that moderation publishes when readers' reports reach the threshold on an
     * approved comment: it hides that comment, unless a decision newer than it has already been applied. A
     * moderator's decision replaces any earlier one.
     *
     * @return the status_version of each comment a decision was applied to, by comment id
     */
    Map<UUID, Long> applyWhereDue(List<CommentModerated> decisions) {
        Columns c = new Columns(decisions, reasonsJson);
        Map<UUID, Long> versions = new HashMap<>();
        jdbc.sql("""
                        UPDATE comment c
                        SET status = d.status, reasons = d.reasons::jsonb, applied_decision_id = d.decision_id,
                            applied_decided_at = d.decided_at,
                            status_version = c.status_version + CASE WHEN c.status <> d.status THEN 1 ELSE 0 END
                        FROM unnest(:commentIds, :statuses, :reasons, :decisionIds, :decidedAt, :automatic)
                             AS d(comment_id, status, reasons, decision_id, decided_at, automatic)
                        WHERE c.id = d.comment_id
                          AND CASE
                                WHEN NOT d.automatic
                                  THEN c.applied_decided_at IS NULL OR c.applied_decided_at < d.decided_at
                                WHEN d.status = 'HELD'
                                  THEN c.status = 'PENDING' OR (c.status = 'APPROVED'
                                       AND (c.applied_decided_at IS NULL OR c.applied_decided_at < d.decided_at))
                                ELSE c.status = 'PENDING'
                              END
                        RETURNING c.id, c.status_version
                        """)
                .param("commentIds", new SqlArrayValue("uuid", (Object[]) c.commentIds))
                .param("statuses", new SqlArrayValue("text", (Object[]) c.statuses))
                .param("reasons", new SqlArrayValue("text", (Object[]) c.reasons))
                .param("decisionIds", new SqlArrayValue("uuid", (Object[]) c.decisionIds))
                .param("decidedAt", new SqlArrayValue("timestamptz", (Object[]) c.decidedAt))
                .param("automatic", new SqlArrayValue("boolean", (Object[]) c.automatic))
                .query(rs -> {
                    versions.put(rs.getObject("id", UUID.class), rs.getLong("status_version"));
                });
        return versions;
    }

    /** Decisions as columns, for unnest. */
    private static final class Columns {

        final UUID[] decisionIds;
        final UUID[] commentIds;
        final String[] decisions;
        final String[] statuses;
        final String[] reasons;
        final String[] decidedBy;
        final Long[] rulesVersions;
        final String[] decidedAt;
        final String[] notes;
        final Boolean[] automatic;

        Columns(List<CommentModerated> list, ReasonsJson reasonsJson) {
            int n = list.size();
            decisionIds = new UUID[n];
            commentIds = new UUID[n];
            decisions = new String[n];
            statuses = new String[n];
            reasons = new String[n];
            decidedBy = new String[n];
            rulesVersions = new Long[n];
            decidedAt = new String[n];
            notes = new String[n];
            automatic = new Boolean[n];
            for (int i = 0; i < n; i++) {
                CommentModerated d = list.get(i);
                decisionIds[i] = d.decisionId();
                commentIds[i] = d.commentId();
                decisions[i] = d.decision().name();
                statuses[i] = CommentStatus.of(d.decision()).name();
                reasons[i] = reasonsJson.write(d.reasons());
                decidedBy[i] = d.decidedBy();
                rulesVersions[i] = d.rulesVersion();
                decidedAt[i] = toDbText(d.decidedAt());
                notes[i] = d.note();
                automatic[i] = d.automatic();
            }
        }
    }

    boolean isApplied(UUID commentId, UUID decisionId) {
        return jdbc.sql("SELECT count(*) FROM comment WHERE id = :id AND applied_decision_id = :decisionId")
                        .param("id", commentId)
                        .param("decisionId", decisionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    boolean isRecorded(UUID decisionId) {
        return jdbc.sql("SELECT count(*) FROM comment_decision WHERE decision_id = :decisionId")
                        .param("decisionId", decisionId)
                        .query(Long.class)
                        .single()
                > 0;
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
