package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A thread is read page after page by following each page's {@code next}; the total is counted through a
 * cache that this instance's decision landing clears (the test context keeps totals for a minute, see
 * {@link IntegrationTestBase}).
 */
class ThreadPagingIntegrationTest extends IntegrationTestBase {

    @Test
    void followingNextReadsTheWholeThreadInReadingOrderAndTheLastPageHasNoNext() {
        UUID articleId = openArticle();
        UUID a = postComment(articleId, "A", "a", null);
        UUID b = postComment(articleId, "B", "b", null);
        UUID a1 = postComment(articleId, "A1", "a1", a);
        UUID b1 = postComment(articleId, "B1", "b1", b);
        UUID a2 = postComment(articleId, "A2", "a2", a);
        UUID a1a = postComment(articleId, "A1a", "a1a", a1);
        UUID c = postComment(articleId, "C", "c", null);
        approveAll(articleId, List.of(a, b, a1, b1, a2, a1a, c));

        JsonNode first = json(get(thread(articleId) + "?size=3"));
        assertThat(ids(first)).containsExactly(a, a1, a1a);
        assertThat(first.get("page").asInt()).isZero();
        JsonNode second = json(
                get(thread(articleId) + "?size=3&after=" + first.get("next").asString()));
        assertThat(ids(second)).containsExactly(a2, b, b1);
        assertThat(second.has("page"))
                .as("a page asked for by cursor has no number")
                .isFalse();
        assertThat(second.get("total").asLong()).isEqualTo(7);
        JsonNode last = json(
                get(thread(articleId) + "?size=3&after=" + second.get("next").asString()));
        assertThat(ids(last)).containsExactly(c);
        assertThat(last.has("next")).isFalse();

        JsonNode byNumber = json(get(thread(articleId) + "?page=1&size=3"));
        assertThat(ids(byNumber)).containsExactly(a2, b, b1);
        assertThat(byNumber.get("next").asString()).isEqualTo(second.get("next").asString());
    }

    @Test
    void aCommentApprovedAfterACursorWasGivenStillAppearsAfterItInOrder() {
        UUID articleId = openArticle();
        UUID a = postComment(articleId, "A", "a", null);
        UUID b = postComment(articleId, "B", "b", null);
        UUID late = postComment(articleId, "A1", "reply to a, approved later", a);
        approveAll(articleId, List.of(a, b));

        JsonNode first = json(get(thread(articleId) + "?size=1"));
        assertThat(ids(first)).containsExactly(a);
        approveAll(articleId, List.of(late));

        JsonNode rest = json(
                get(thread(articleId) + "?size=10&after=" + first.get("next").asString()));
        assertThat(ids(rest)).containsExactly(late, b);
    }

    @Test
    void theTotalCountsADecisionAsSoonAsItLandsHere() {
        UUID articleId = openArticle();
        UUID first = postComment(articleId, "A", "first", null);
        approveAll(articleId, List.of(first));
        assertThat(json(get(thread(articleId))).get("total").asLong())
                .as("counted, and now cached")
                .isEqualTo(1);

        UUID second = postComment(articleId, "B", "second", null);
        approveAll(articleId, List.of(second));
        assertThat(json(get(thread(articleId))).get("total").asLong()).isEqualTo(2);

        publish(decision(articleId, first, Decision.REJECTED, "moderator-1", Instant.now()));
        awaitStatus(first, "REJECTED");
        assertThat(json(get(thread(articleId))).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aCursorThisServiceDidNotGiveOrOneBesideAPageNumberIsRefused() {
        UUID articleId = openArticle();
        assertProblem(get(thread(articleId) + "?after=not%20base64"), 400);
        assertProblem(get(thread(articleId) + "?after=J09SIDE9MQ"), 400); // "'OR 1=1" in base64url
        assertProblem(get(thread(articleId) + "?after=&size=3"), 400);
        assertProblem(get(thread(articleId) + "?page=1&after=MjAyNg"), 400);
    }

    private void approveAll(UUID articleId, List<UUID> ids) {
        for (UUID id : ids) {
            publish(decision(articleId, id, Decision.APPROVED, CommentModerated.RULES, Instant.now()));
        }
        for (UUID id : ids) {
            awaitStatus(id, "APPROVED");
        }
    }

    private static String thread(UUID articleId) {
        return "/api/articles/" + articleId + "/comments";
    }

    private static List<UUID> ids(JsonNode page) {
        List<UUID> ids = new ArrayList<>();
        page.get("comments")
                .forEach(item -> ids.add(UUID.fromString(item.get("id").asString())));
        return ids;
    }
}
