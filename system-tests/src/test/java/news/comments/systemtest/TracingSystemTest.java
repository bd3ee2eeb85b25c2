package news.comments.systemtest;

import static news.comments.systemtest.Scenario.EVENTUALLY;
import static news.comments.systemtest.Scenario.awaitDecision;
import static news.comments.systemtest.Scenario.commentsPath;
import static news.comments.systemtest.Scenario.createArticle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.CommentSubmitted;
import news.comments.events.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One comment's trace runs through the whole system: a client's W3C {@code traceparent} enters at the
 * gateway, goes on to comment-service, is kept with the outbox row, leaves on the submitted record, passes
 * moderation-service's judging and comes out on the decision record, all with the client's trace id. No
 * collector runs here (export is off), so the test reads the trace where it travels: the records' headers.
 */
@ExtendWith(SharedStack.class)
class TracingSystemTest {

    @Test
    void aCommentsTraceIdGoesFromTheGatewayToItsDecisionOnKafka(SharedStack.SystemUnderTest system) {
        Api api = system.api();
        String articleId = createArticle(api, system.moderatorToken(), "A traced thread");
        String traceId = hex(32);
        String clientSpanId = hex(16);
        String traceparent = "00-" + traceId + "-" + clientSpanId + "-01";

        // One idempotency key for every try: a try that timed out at the gateway but was stored comes back
        // as the same comment, so a busy machine's 5xx can be tried again.
        String idempotencyKey = UUID.randomUUID().toString();
        Api.Reply[] posted = new Api.Reply[1];
        await("comment-service to accept the comment on article " + articleId)
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    posted[0] = api.post(
                            commentsPath(articleId),
                            Map.of("author", "Tracy", "text", "Followed all the way."),
                            null,
                            Map.of("Idempotency-Key", idempotencyKey, "traceparent", traceparent));
                    return posted[0].status() != 404 && posted[0].status() < 500;
                });
        assertThat(posted[0].status()).as("post: %s", posted[0]).isEqualTo(202);
        String commentId = posted[0].text("id");
        awaitDecision(api, commentId);

        String submitted = await("the submitted record")
                .atMost(EVENTUALLY)
                .until(() -> traceparentOn(system, Topics.COMMENT_SUBMITTED.name(), commentId), t -> t != null);
        String decided = await("the decision record")
                .atMost(EVENTUALLY)
                .until(() -> traceparentOn(system, Topics.COMMENT_MODERATED.name(), commentId), t -> t != null);

        assertThat(submitted.split("-")[1])
                .as("trace id of the submitted record")
                .isEqualTo(traceId);
        assertThat(decided.split("-")[1]).as("trace id of the decision record").isEqualTo(traceId);
        // Each hop added its own span: the decision's parent is moderation's judge span, a child of the relay's send.
        List<String> parents = List.of(clientSpanId, submitted.split("-")[2], decided.split("-")[2]);
        assertThat(parents).doesNotHaveDuplicates();
    }

    /** The traceparent of the (first) record on {@code topic} about {@code commentId}, or null. */
    private static String traceparentOn(SharedStack.SystemUnderTest system, String topic, String commentId) {
        List<String> found = new ArrayList<>();
        var values = topic.equals(Topics.COMMENT_SUBMITTED.name())
                ? Topics.COMMENT_SUBMITTED.valueSerde().deserializer()
                : Topics.COMMENT_MODERATED.valueSerde().deserializer();
        TopicReader.readToEnd(system.stack().kafkaBootstrapServers(), List.of(topic), record -> {
            Object value;
            try {
                value = values.deserialize(record.topic(), record.headers(), record.value());
            } catch (SerializationException unreadable) {
                return; // the poison records of another test
            }
            UUID id = value instanceof CommentSubmitted s
                    ? s.commentId()
                    : value instanceof CommentModerated m ? m.commentId() : null;
            Header header = record.headers().lastHeader("traceparent");
            if (id != null && id.toString().equals(commentId) && header != null) {
                found.add(new String(header.value(), StandardCharsets.UTF_8));
            }
        });
        return found.isEmpty() ? null : found.get(0);
    }

    private static String hex(int length) {
        return (UUID.randomUUID().toString() + UUID.randomUUID())
                .replace("-", "")
                .substring(0, length);
    }
}
