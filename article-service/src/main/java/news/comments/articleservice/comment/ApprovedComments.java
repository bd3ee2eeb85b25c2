package news.comments.articleservice.comment;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which comments are approved, per article: the local copy behind commentCount. Both operations are
 * idempotent, so a redelivered or replayed decision changes nothing.
 */
@Repository
public class ApprovedComments {

    private final JdbcClient jdbc;

    public ApprovedComments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void approve(UUID commentId, UUID articleId) {
        jdbc.sql("""
                insert into approved_comment (comment_id, article_id) values (:commentId, :articleId)
                on conflict (comment_id) do nothing
                """)
                .param("commentId", commentId)
                .param("articleId", articleId)
                .update();
    }

    public void withdraw(UUID commentId) {
        jdbc.sql("delete from approved_comment where comment_id = :commentId")
                .param("commentId", commentId)
                .update();
    }
}
