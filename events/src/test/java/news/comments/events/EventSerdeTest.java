package news.comments.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private final UUID articleId = UUID.randomUUID();
    private final UUID commentId = UUID.randomUUID();

    @Test
    void roundTripsAnEventAndNamesItsLogicalTypeInAHeader() {
        var submitted = new CommentSubmitted(
                commentId, articleId, null, "Ann", "<b>hi</b> \"there\"", Instant.parse("2026-11-25T10:00:00.123456Z"));
        var headers = new RecordHeaders();

        byte[] json = Topics.COMMENT_SUBMITTED
                .valueSerde()
                .serializer()
                .serialize(Topics.COMMENT_SUBMITTED.name(), headers, submitted);

        assertThat(new String(headers.lastHeader(EventTypes.HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("CommentSubmitted");
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"submittedAt\":\"2026-11-25T10:00:00.123456Z\"")
                .doesNotContain("news.comments");
        assertThat(Topics.COMMENT_SUBMITTED
                        .valueSerde()
                        .deserializer()
                        .deserialize(Topics.COMMENT_SUBMITTED.name(), headers, json))
                .isEqualTo(submitted);
    }

    @Test
    void untypedDeserializerPicksTheClassFromTheHeader() {
        var moderated = new CommentModerated(
                UUID.randomUUID(),
                commentId,
                articleId,
                Decision.REJECTED,
                List.of(new Reason("THREAD_CLOSED", "Comments are closed.")),
                CommentModerated.RULES,
                3,
                Instant.now(),
                null);
        var headers = new RecordHeaders();
        byte[] json = new EventSerializer<>().serialize("t", headers, moderated);

        Object read = new EventDeserializer<>().deserialize("t", headers, json);

        assertThat(read).isEqualTo(moderated);
    }

    @Test
    void refusesARecordWhoseHeaderNamesAnotherType() {
        var headers = new RecordHeaders();
        headers.add(EventTypes.HEADER, "CommentModerated".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() ->
                        new EventDeserializer<>(CommentSubmitted.class).deserialize("t", headers, "{}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("expected CommentSubmitted");
    }

    @Test
    void refusesUnknownTypeNamesAndGarbage() {
        var headers = new RecordHeaders();
        headers.add(EventTypes.HEADER, "java.lang.Runtime".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new EventDeserializer<>().deserialize("t", headers, "{}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown event type");

        assertThatThrownBy(
                        () -> new EventDeserializer<>(CommentSubmitted.class).deserialize("t", "not json".getBytes()))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void refusesAnEventMissingARequiredField() {
        String noCommentId = "{\"articleId\":\"" + articleId + "\",\"author\":\"a\",\"text\":\"t\","
                + "\"submittedAt\":\"2026-11-25T10:00:00Z\"}";

        assertThatThrownBy(() -> new EventDeserializer<>(CommentSubmitted.class)
                        .deserialize("t", noCommentId.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .rootCause()
                .hasMessageContaining("commentId");
    }

    @Test
    void toleratesFieldsAddedByANewerProducer() {
        String json = "{\"commentId\":\"" + commentId + "\",\"articleId\":\"" + articleId + "\",\"author\":\"a\","
                + "\"text\":\"t\",\"submittedAt\":\"2026-11-25T10:00:00Z\",\"language\":\"en\"}";

        CommentSubmitted read =
                new EventDeserializer<>(CommentSubmitted.class).deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(read.commentId()).isEqualTo(commentId);
    }

    @Test
    void aRecordWithoutHeaderIsReadAsTheTypeItsTopicCarries() {
        var submitted = new CommentSubmitted(commentId, articleId, null, "Ann", "hi", Instant.now());
        byte[] json = new EventSerializer<>().serialize(Topics.COMMENT_SUBMITTED.name(), submitted);

        assertThat(new EventDeserializer<>().deserialize(Topics.COMMENT_SUBMITTED.name(), new RecordHeaders(), json))
                .isEqualTo(submitted);
        assertThatThrownBy(() -> new EventDeserializer<>().deserialize("unknown.topic", new RecordHeaders(), json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no event-type header");
    }

    @Test
    void aTombstoneReadsAsNull() {
        assertThat(new EventDeserializer<>(ArticleState.class).deserialize("t", new RecordHeaders(), (byte[]) null))
                .isNull();
    }

    @Test
    void everyEventIsKeyedByItsArticleSoAThreadStaysOnOnePartition() {
        var state = new ArticleState(articleId, "t", true, null, null, 1, Instant.now());
        var reported = new CommentReported(UUID.randomUUID(), commentId, articleId, "spam", Instant.now());

        assertThat(List.of(state.partitionKey(), reported.partitionKey())).containsOnly(articleId.toString());
    }

    @Test
    void aReportWrittenBeforeReportersWereToldApartStillReadsWithoutAReporter() {
        UUID reportId = UUID.randomUUID();
        String old = "{\"reportId\":\"" + reportId + "\",\"commentId\":\"" + commentId + "\",\"articleId\":\""
                + articleId + "\",\"reason\":\"spam\",\"reportedAt\":\"2026-11-25T10:00:00Z\"}";

        CommentReported read = Topics.COMMENT_REPORTED
                .valueSerde()
                .deserializer()
                .deserialize(Topics.COMMENT_REPORTED.name(), old.getBytes(StandardCharsets.UTF_8));

        assertThat(read.reportId()).isEqualTo(reportId);
        assertThat(read.reporterId()).isNull();
    }

    @Test
    void aReportCarriesItsReporterOverTheWire() {
        var reported = new CommentReported(UUID.randomUUID(), commentId, articleId, "spam", Instant.now(), "r-1");
        var headers = new RecordHeaders();
        byte[] json = Topics.COMMENT_REPORTED
                .valueSerde()
                .serializer()
                .serialize(Topics.COMMENT_REPORTED.name(), headers, reported);

        assertThat(Topics.COMMENT_REPORTED
                        .valueSerde()
                        .deserializer()
                        .deserialize(Topics.COMMENT_REPORTED.name(), headers, json))
                .isEqualTo(reported);
    }

    @Test
    void aStatusChangeRoundTripsOnItsOwnTopicAndRefusesAVersionBelowOne() {
        var changed = new CommentStatusChanged(commentId, articleId, Decision.APPROVED, null, 1, Instant.now());
        var headers = new RecordHeaders();
        byte[] json = Topics.COMMENT_STATUS
                .valueSerde()
                .serializer()
                .serialize(Topics.COMMENT_STATUS.name(), headers, changed);

        assertThat(new String(headers.lastHeader(EventTypes.HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("CommentStatusChanged");
        assertThat(Topics.COMMENT_STATUS
                        .valueSerde()
                        .deserializer()
                        .deserialize(Topics.COMMENT_STATUS.name(), headers, json))
                .isEqualTo(changed);
        assertThat(changed.partitionKey()).isEqualTo(articleId.toString());
        assertThat(Topics.byName("comments.status.v1.DLT")).contains(Topics.COMMENT_STATUS);
        assertThatThrownBy(
                        () -> new CommentStatusChanged(commentId, articleId, Decision.APPROVED, null, 0, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRuleSetIsKeyedByItsVersionAndARecordWrittenBeforeProposalsReadsWithoutOne() {
        var published = new RuleSetPublished(
                6, java.util.Map.of("maxLinks", 2), "mod", Instant.parse("2026-12-03T07:00:00Z"), UUID.randomUUID());
        assertThat(published.partitionKey()).isEqualTo("6");

        byte[] old = "{\"version\":5,\"rules\":{},\"publishedBy\":\"mod\",\"publishedAt\":\"2026-12-01T07:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        RuleSetPublished read = Topics.MODERATION_RULES
                .valueSerde()
                .deserializer()
                .deserialize(Topics.MODERATION_RULES.name(), new RecordHeaders(), old);
        assertThat(read.version()).isEqualTo(5);
        assertThat(read.proposalId()).isNull();
    }
}
