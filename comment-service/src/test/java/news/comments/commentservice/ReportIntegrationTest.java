package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import news.comments.events.CommentReported;
import news.comments.events.Topics;
import news.comments.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.Test;

/** A reader reports a comment once, however often they press the button. */
class ReportIntegrationTest extends IntegrationTestBase {

    private static final String CLIENT = "X-Comments-Client";
    private static final String BODY = "{\"reason\":\"It is spam\"}";

    @Test
    void aRepeatedReportFromTheSameClientIsOneReportWithOneEventAndAnotherClientIsAnother() {
        UUID commentId = postComment(openArticle(), "A", "spam spam", null);

        UUID first = reportId(post(reportsOf(commentId), BODY, CLIENT, "203.0.113.7"));
        UUID again = reportId(post(reportsOf(commentId), "{\"reason\":\"Still spam\"}", CLIENT, "203.0.113.7"));
        UUID other = reportId(post(reportsOf(commentId), BODY, CLIENT, "203.0.113.8"));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(reportRows(commentId)).isEqualTo(2);
        // The events leave in commit order: once the other client's is out, a repeat's would be too.
        List<CommentReported> events = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> reportedEvents(commentId),
                        reports -> reports.stream().anyMatch(r -> r.reportId().equals(other)));
        assertThat(events).extracting(CommentReported::reportId).containsExactly(first, other);
        assertThat(events)
                .extracting(CommentReported::reporterId)
                .doesNotContainNull()
                .doesNotHaveDuplicates()
                .noneMatch(reporter -> reporter.contains("203.0.113"));
    }

    @Test
    void withoutTheGatewaysHeaderTheConnectionsPeerIsTheClientAndASignedInReaderCountsByIdentity() {
        UUID commentId = postComment(openArticle(), "B", "meh", null);
        String[] alice = {"Authorization", "Bearer " + TestTokenIssuer.shared().token("alice", List.of("READER"))};

        UUID anonymous = reportId(post(reportsOf(commentId), BODY));
        UUID anonymousAgain = reportId(post(reportsOf(commentId), BODY));
        UUID byAlice = reportId(post(reportsOf(commentId), BODY, alice));
        UUID byAliceElsewhere = reportId(post(reportsOf(commentId), BODY, alice[0], alice[1], CLIENT, "198.51.100.20"));

        assertThat(anonymousAgain).isEqualTo(anonymous);
        assertThat(byAlice).isNotEqualTo(anonymous);
        assertThat(byAliceElsewhere).isEqualTo(byAlice);
        assertThat(reportRows(commentId)).isEqualTo(2);
    }

    @Test
    void theSameClientReportingTwoCommentsGetsUnlinkableReporterKeys() {
        UUID articleId = openArticle();
        UUID one = postComment(articleId, "C", "one", null);
        UUID two = postComment(articleId, "D", "two", null);

        reportId(post(reportsOf(one), BODY, CLIENT, "192.0.2.1"));
        reportId(post(reportsOf(two), BODY, CLIENT, "192.0.2.1"));

        assertThat(reporterOf(one)).isNotEqualTo(reporterOf(two));
    }

    private static String reportsOf(UUID commentId) {
        return "/api/comments/" + commentId + "/reports";
    }

    private static UUID reportId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(json(response).get("id").asString());
    }

    private long reportRows(UUID commentId) {
        return jdbc.sql("SELECT count(*) FROM comment_report WHERE comment_id = :id")
                .param("id", commentId)
                .query(Long.class)
                .single();
    }

    private String reporterOf(UUID commentId) {
        return jdbc.sql("SELECT reporter FROM comment_report WHERE comment_id = :id")
                .param("id", commentId)
                .query(String.class)
                .single();
    }

    private static List<CommentReported> reportedEvents(UUID commentId) {
        return recordsOn(Topics.COMMENT_REPORTED.name()).stream()
                .map(IntegrationTestBase::<CommentReported>value)
                .filter(r -> r.commentId().equals(commentId))
                .toList();
    }
}
