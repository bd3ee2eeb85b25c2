package news.comments.commentservice.comment;

import static news.comments.commentservice.common.Timestamps.fromDb;
import static news.comments.commentservice.common.Timestamps.toDb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.comments.commentservice.common.PageQuery;
import news.comments.commentservice.common.ReasonsJson;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CommentRepository {

    private static final String COLUMNS =
            "id, article_id, parent_id, author, text, status, reasons::text AS reasons, submitted_at";

    /**
     * Approved comments of one article in reading order: depth-first, siblings by submission time (id
     * breaks ties), read in order from an index on the stored thread key. A reply whose parent is not
     * approved keeps its place (where its parent would be) and is never hidden, so the page total equals the
     * number of approved comments. One row more than asked for tells whether another page follows.
     */
    private static final String APPROVED_THREAD = """
            SELECT id, article_id, parent_id, author, text, status, reasons::text AS reasons, submitted_at, thread_key
            FROM comment
            WHERE article_id = :articleId AND status = 'APPROVED'
            ORDER BY thread_key
            LIMIT :limit OFFSET :offset
            """;

    /** The same, from a cursor: a range of the index, however deep in the thread. */
    private static final String APPROVED_THREAD_AFTER = """
            SELECT id, article_id, parent_id, author, text, status, reasons::text AS reasons, submitted_at, thread_key
            FROM comment
            WHERE article_id = :articleId AND status = 'APPROVED' AND thread_key > (CAST(:after AS text) COLLATE "C")
            ORDER BY thread_key
            LIMIT :limit
            """;

    /** Longest parent key a reply nests under (about 25 levels); see {@link #INSERT}. */
    static final int MAX_NESTED_KEY = 1500;

    /**
     * A new comment, in one statement with its parent check. Its thread key is its parent's key, '/', its
     * own segment (see V2__thread_key.sql); once the parent's key reaches {@value #MAX_NESTED_KEY}
     * characters, a reply is keyed as its parent's next sibling instead (still listed right after it), so a
     * key always fits in a btree index entry. A reply whose parent is not a comment of the same article
     * finds no parent row and inserts nothing.
     */
    private static final String INSERT = """
            INSERT INTO comment (id, article_id, parent_id, author, text, status, reasons, submitted_at,
                                 idempotency_key, thread_key)
            SELECT CAST(:id AS uuid), CAST(:articleId AS uuid), wanted.parent_id, :author, :text, :status,
                   CAST(:reasons AS jsonb), CAST(:submittedAt AS timestamptz), :key,
                   COALESCE(CASE WHEN length(p.thread_key) < %d THEN p.thread_key
                                 ELSE regexp_replace(p.thread_key, '/[^/]*$', '') END || '/', '')
                     || to_char(CAST(:submittedAt AS timestamptz) AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS')
                     || CAST(:id AS text)
            FROM (VALUES (CAST(:parentId AS uuid))) AS wanted (parent_id)
            LEFT JOIN comment p ON p.id = wanted.parent_id AND p.article_id = CAST(:articleId AS uuid)
            WHERE wanted.parent_id IS NULL OR p.id IS NOT NULL
            ON CONFLICT (idempotency_key) DO NOTHING
            """.formatted(MAX_NESTED_KEY);

    private final JdbcClient jdbc;
    private final ReasonsJson reasonsJson;
    private final RowMapper<Comment> mapper;

    CommentRepository(JdbcClient jdbc, ReasonsJson reasonsJson) {
        this.jdbc = jdbc;
        this.reasonsJson = reasonsJson;
        this.mapper = this::map;
    }

    /**
     * Inserts a new comment unless its parent is not a comment of the same article or, with an idempotency
     * key, a comment already holds that key (even one being inserted by a concurrent transaction, which
     * wins).
     *
     * @return whether this call inserted the row
     */
    public boolean insert(Comment comment, String idempotencyKey) {
        return jdbc.sql(INSERT)
                        .param("id", comment.id())
                        .param("articleId", comment.articleId())
                        .param("parentId", comment.parentId())
                        .param("author", comment.author())
                        .param("text", comment.text())
                        .param("status", comment.status().name())
                        .param("reasons", reasonsJson.write(comment.reasons()))
                        .param("submittedAt", toDb(comment.submittedAt()))
                        .param("key", idempotencyKey)
                        .update()
                > 0;
    }

    public Optional<Comment> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM comment WHERE id = :id")
                .param("id", id)
                .query(mapper)
                .optional();
    }

    public Optional<Comment> findByIdempotencyKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM comment WHERE idempotency_key = :key")
                .param("key", key)
                .query(mapper)
                .optional();
    }

    public boolean existsInArticle(UUID commentId, UUID articleId) {
        return jdbc.sql("SELECT count(*) FROM comment WHERE id = :id AND article_id = :articleId")
                        .param("id", commentId)
                        .param("articleId", articleId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** One page of approved comments, and where the next one starts if there is one. */
    public record ThreadPage(List<Comment> comments, ThreadCursor next) {}

    /** The page {@code page.page()} of the thread, by offset. */
    public ThreadPage approvedThread(UUID articleId, PageQuery page) {
        return threadPage(
                jdbc.sql(APPROVED_THREAD)
                        .param("articleId", articleId)
                        .param("limit", page.size() + 1)
                        .param("offset", page.offset()),
                page.size());
    }

    /** The {@code size} approved comments after {@code after}. */
    public ThreadPage approvedThread(UUID articleId, ThreadCursor after, int size) {
        return threadPage(
                jdbc.sql(APPROVED_THREAD_AFTER)
                        .param("articleId", articleId)
                        .param("after", after.threadKey())
                        .param("limit", size + 1),
                size);
    }

    private ThreadPage threadPage(JdbcClient.StatementSpec statement, int size) {
        List<Comment> comments = new ArrayList<>(size + 1);
        List<String> keys = new ArrayList<>(size + 1);
        statement.query(rs -> {
            comments.add(map(rs, comments.size()));
            keys.add(rs.getString("thread_key"));
        });
        if (comments.size() <= size) {
            return new ThreadPage(comments, null);
        }
        return new ThreadPage(comments.subList(0, size), new ThreadCursor(keys.get(size - 1)));
    }

    public long countApproved(UUID articleId) {
        return jdbc.sql("SELECT count(*) FROM comment WHERE article_id = :articleId AND status = 'APPROVED'")
                .param("articleId", articleId)
                .query(Long.class)
                .single();
    }

    /** Held comments, oldest first: the moderators' queue. */
    public List<Comment> held(PageQuery page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM comment WHERE status = 'HELD'"
                        + " ORDER BY submitted_at, id LIMIT :limit OFFSET :offset")
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(mapper)
                .list();
    }

    public long countHeld() {
        return jdbc.sql("SELECT count(*) FROM comment WHERE status = 'HELD'")
                .query(Long.class)
                .single();
    }

    private Comment map(ResultSet rs, int row) throws SQLException {
        return new Comment(
                rs.getObject("id", UUID.class),
                rs.getObject("article_id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                rs.getString("author"),
                rs.getString("text"),
                CommentStatus.valueOf(rs.getString("status")),
                reasonsJson.read(rs.getString("reasons")),
                fromDb(rs, "submitted_at"));
    }
}
