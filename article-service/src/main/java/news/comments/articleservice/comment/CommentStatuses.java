package news.comments.articleservice.comment;

import news.comments.events.CommentStatusChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The status of each comment as comment-service last published it: the local copy behind commentCount.
 * A change replaces the row only when its version is newer, so a redelivered, replayed or late older change
 * changes nothing.
 */
@Repository
public class CommentStatuses {

    private final JdbcClient jdbc;

    public CommentStatuses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether the change was newer than the copy and is now kept */
    public boolean record(CommentStatusChanged change) {
        return jdbc.sql("""
                insert into comment_status (comment_id, article_id, status, version)
                values (:commentId, :articleId, :status, :version)
                on conflict (comment_id) do update
                    set article_id = excluded.article_id, status = excluded.status, version = excluded.version
                    where comment_status.version < excluded.version
                """)
                .param("commentId", change.commentId())
                .param("articleId", change.articleId())
                .param("status", change.status().name())
                .param("version", change.version())
                .update() > 0;
    }
}
