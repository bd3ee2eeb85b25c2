package news.comments.articleservice.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The article table. The comment count is joined in from the local copy of comment statuses. */
@Repository
public class ArticleRepository {

    private static final String COUNTED_SELECT = """
            select a.*, (select count(*) from comment_status c where c.article_id = a.id and c.status = 'APPROVED')
                   as comment_count
            from article a
            """;

    private final JdbcClient jdbc;

    public ArticleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Article article) {
        jdbc.sql("""
                insert into article (id, title, body, published_at, created_by, closed_at, closed_by, close_reason,
                                     auto_close_at, version, updated_at)
                values (:id, :title, :body, :publishedAt, :createdBy, :closedAt, :closedBy, :closeReason,
                        :autoCloseAt, :version, :updatedAt)
                """)
                .param("id", article.id())
                .param("title", article.title())
                .param("body", article.body())
                .param("publishedAt", toDb(article.publishedAt()))
                .param("createdBy", article.createdBy())
                .param("closedAt", toDb(article.closedAt()))
                .param("closedBy", article.closedBy())
                .param("closeReason", article.closeReason())
                .param("autoCloseAt", toDb(article.autoCloseAt()))
                .param("version", article.version())
                .param("updatedAt", toDb(article.updatedAt()))
                .update();
    }

    /**
     * Writes the comment policy of a changed article. The version check makes a lost update impossible
     * even if a caller forgot the row lock.
     */
    public void updatePolicy(Article changed) {
        int rows = jdbc.sql("""
                update article
                set closed_at = :closedAt, closed_by = :closedBy, close_reason = :closeReason,
                    auto_close_at = :autoCloseAt, version = :version, updated_at = :updatedAt
                where id = :id and version = :previousVersion
                """)
                .param("id", changed.id())
                .param("closedAt", toDb(changed.closedAt()))
                .param("closedBy", changed.closedBy())
                .param("closeReason", changed.closeReason())
                .param("autoCloseAt", toDb(changed.autoCloseAt()))
                .param("version", changed.version())
                .param("previousVersion", changed.version() - 1)
                .param("updatedAt", toDb(changed.updatedAt()))
                .update();
        if (rows != 1) {
            throw new IllegalStateException("article " + changed.id() + " changed concurrently");
        }
    }

    /** Reads the article and locks its row until the transaction ends, so changes to it are serialised. */
    public Optional<Article> findForUpdate(UUID id) {
        return jdbc.sql("select * from article where id = :id for update")
                .param("id", id)
                .query((rs, row) -> article(rs))
                .optional();
    }

    public Optional<CountedArticle> findCounted(UUID id) {
        return jdbc.sql(COUNTED_SELECT + " where a.id = :id")
                .param("id", id)
                .query((rs, row) -> new CountedArticle(article(rs), rs.getLong("comment_count")))
                .optional();
    }

    public List<CountedArticle> findPage(int page, int size) {
        return jdbc.sql(COUNTED_SELECT + " order by a.published_at desc, a.id desc limit :limit offset :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> new CountedArticle(article(rs), rs.getLong("comment_count")))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from article").query(Long.class).single();
    }

    private static Article article(ResultSet rs) throws SQLException {
        return new Article(
                rs.getObject("id", UUID.class),
                rs.getString("title"),
                rs.getString("body"),
                fromDb(rs, "published_at"),
                rs.getString("created_by"),
                fromDb(rs, "closed_at"),
                rs.getString("closed_by"),
                rs.getString("close_reason"),
                fromDb(rs, "auto_close_at"),
                rs.getLong("version"),
                fromDb(rs, "updated_at"));
    }

    private static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant fromDb(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
