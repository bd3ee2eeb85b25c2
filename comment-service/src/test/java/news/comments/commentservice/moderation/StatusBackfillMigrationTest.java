package news.comments.commentservice.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.events.CommentStatusChanged;
import news.comments.events.Decision;
import news.comments.events.EventTypes;
import news.comments.events.Topics;
import news.comments.testsupport.EmbeddedPostgresDatabases;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** An upgrade publishes the status of every comment decided before status changes were published. */
class StatusBackfillMigrationTest {

    @Test
    void commentsDecidedBeforeTheUpgradeArePublishedOnceAsVersionOneAndPendingOnesNot() {
        String name = "comments_upgrade_" + UUID.randomUUID().toString().replace("-", "");
        var dataSource = new DriverManagerDataSource(
                EmbeddedPostgresDatabases.jdbcUrl(name),
                EmbeddedPostgresDatabases.username(),
                EmbeddedPostgresDatabases.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        flyway(dataSource, "3").migrate();
        UUID articleId = UUID.randomUUID();
        UUID approved = insertComment(jdbc, articleId, "APPROVED", Instant.parse("2026-11-25T10:00:00.123456Z"));
        insertComment(jdbc, articleId, "PENDING", null);

        flyway(dataSource, "4").migrate();

        List<byte[]> payloads = jdbc.sql("SELECT payload FROM outbox_event WHERE topic = :topic AND event_type = :type")
                .param("topic", Topics.COMMENT_STATUS.name())
                .param("type", EventTypes.nameOf(CommentStatusChanged.class))
                .query(byte[].class)
                .list();
        assertThat(payloads).hasSize(1);
        var headers = new RecordHeaders();
        headers.add(EventTypes.HEADER, "CommentStatusChanged".getBytes(StandardCharsets.UTF_8));
        CommentStatusChanged event = Topics.COMMENT_STATUS
                .valueSerde()
                .deserializer()
                .deserialize(Topics.COMMENT_STATUS.name(), headers, payloads.get(0));
        assertThat(event)
                .isEqualTo(new CommentStatusChanged(
                        approved, articleId, Decision.APPROVED, null, 1, Instant.parse("2026-11-25T10:00:00.123456Z")));
        assertThat(jdbc.sql("SELECT status_version FROM comment WHERE id = :id")
                        .param("id", approved)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private static Flyway flyway(javax.sql.DataSource dataSource, String target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/outbox")
                .target(target)
                .load();
    }

    private static UUID insertComment(JdbcClient jdbc, UUID articleId, String status, Instant decidedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO comment (id, article_id, author, text, status, submitted_at, applied_decided_at, thread_key)
                        VALUES (:id, :articleId, 'A', 't', :status, now(), :decidedAt, :id::text)
                        """)
                .param("id", id)
                .param("articleId", articleId)
                .param("status", status)
                .param("decidedAt", decidedAt == null ? null : decidedAt.atOffset(java.time.ZoneOffset.UTC))
                .update();
        return id;
    }
}
