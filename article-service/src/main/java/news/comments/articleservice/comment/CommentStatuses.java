package news.comments.articleservice.comment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.comments.events.CommentStatusChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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
        return recordAll(List.of(change)) > 0;
    }

    /**
     * Keeps the changes with one statement. Applied one by one, the changes of one comment would leave its
     * newest version (the first copy of it, if it came twice), so that is the only one of them written.
     *
     * @return how many comments' rows changed
     */
    public int recordAll(List<CommentStatusChanged> changes) {
        Map<UUID, CommentStatusChanged> newest = new LinkedHashMap<>();
        for (CommentStatusChanged change : changes) {
            newest.merge(change.commentId(), change, (kept, next) -> next.version() > kept.version() ? next : kept);
        }
        int n = newest.size();
        UUID[] commentIds = new UUID[n];
        UUID[] articleIds = new UUID[n];
        String[] statuses = new String[n];
        Long[] versions = new Long[n];
        int i = 0;
        for (CommentStatusChanged change : newest.values()) {
            commentIds[i] = change.commentId();
            articleIds[i] = change.articleId();
            statuses[i] = change.status().name();
            versions[i] = change.version();
            i++;
        }
        return jdbc.sql("""
                insert into comment_status (comment_id, article_id, status, version)
                select * from unnest(:commentIds, :articleIds, :statuses, :versions)
                on conflict (comment_id) do update
                    set article_id = excluded.article_id, status = excluded.status, version = excluded.version
                    where comment_status.version < excluded.version
                """)
                .param("commentIds", new SqlArrayValue("uuid", (Object[]) commentIds))
                .param("articleIds", new SqlArrayValue("uuid", (Object[]) articleIds))
                .param("statuses", new SqlArrayValue("text", (Object[]) statuses))
                .param("versions", new SqlArrayValue("bigint", (Object[]) versions))
                .update();
    }
}
