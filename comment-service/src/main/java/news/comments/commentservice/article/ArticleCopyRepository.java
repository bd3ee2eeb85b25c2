package news.comments.commentservice.article;

import static news.comments.commentservice.common.Timestamps.fromDb;
import static news.comments.commentservice.common.Timestamps.toDb;

import java.util.Optional;
import java.util.UUID;
import news.comments.events.ArticleState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The local copy of article state: what this service knows about each article's comment policy. */
@Repository
public class ArticleCopyRepository {

    private final JdbcClient jdbc;

    ArticleCopyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the snapshot unless a copy of the same or a higher version is already here, so redelivered
     * and out-of-order snapshots never move the copy backwards.
     *
     * @return whether the copy changed
     */
    public boolean upsertIfNewer(ArticleState state) {
        return jdbc.sql("""
                        INSERT INTO article_copy (article_id, title, comments_open, closed_at, auto_close_at, version, updated_at)
                        VALUES (:id, :title, :open, :closedAt, :autoCloseAt, :version, :updatedAt)
                        ON CONFLICT (article_id) DO UPDATE SET
                            title = EXCLUDED.title,
                            comments_open = EXCLUDED.comments_open,
                            closed_at = EXCLUDED.closed_at,
                            auto_close_at = EXCLUDED.auto_close_at,
                            version = EXCLUDED.version,
                            updated_at = EXCLUDED.updated_at
                        WHERE article_copy.version < EXCLUDED.version
                        """)
                        .param("id", state.articleId())
                        .param("title", state.title())
                        .param("open", state.commentsOpen())
                        .param("closedAt", toDb(state.closedAt()))
                        .param("autoCloseAt", toDb(state.autoCloseAt()))
                        .param("version", state.version())
                        .param("updatedAt", toDb(state.updatedAt()))
                        .update()
                > 0;
    }

    public Optional<ArticleState> find(UUID articleId) {
        return jdbc.sql("""
                        SELECT article_id, title, comments_open, closed_at, auto_close_at, version, updated_at
                        FROM article_copy WHERE article_id = :id
                        """)
                .param("id", articleId)
                .query((rs, row) -> new ArticleState(
                        rs.getObject("article_id", UUID.class),
                        rs.getString("title"),
                        rs.getBoolean("comments_open"),
                        fromDb(rs, "closed_at"),
                        fromDb(rs, "auto_close_at"),
                        rs.getLong("version"),
                        fromDb(rs, "updated_at")))
                .optional();
    }
}
