package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.CommentStatusChanged;
import news.comments.events.Decision;
import news.comments.events.Topics;
import org.junit.jupiter.api.Test;

/** comment-service owns a comment's status and publishes each change of it, and nothing else. */
class StatusChangeIntegrationTest extends IntegrationTestBase {

    @Test
    void eachLandedDecisionThatChangesTheStatusWritesOneStatusChangeAndOthersWriteNone() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Ann", "Fine words", null);
        Instant now = Instant.now();
        CommentModerated automatic = decision(articleId, commentId, Decision.APPROVED, CommentModerated.RULES, now);

        publish(automatic);
        publish(automatic); // a redelivery: REPLAYED
        publish(decision(articleId, commentId, Decision.APPROVED, "test-moderator", now.plusSeconds(1))); // same status
        publish(decision(articleId, commentId, Decision.REMOVED, "test-moderator", now.plusSeconds(2)));

        // Events leave in commit order, so when version 2 is out, any event of the decisions before it is too.
        List<CommentStatusChanged> changes = awaitChanges(commentId, 2);
        assertThat(changes).extracting(CommentStatusChanged::version).containsExactly(1L, 2L);
        assertThat(changes.get(0).status()).isEqualTo(Decision.APPROVED);
        assertThat(changes.get(0).previousStatus()).isNull();
        assertThat(changes.get(1).status()).isEqualTo(Decision.REMOVED);
        assertThat(changes.get(1).previousStatus()).isEqualTo(Decision.APPROVED);
        assertThat(changes).allSatisfy(c -> assertThat(c.articleId()).isEqualTo(articleId));
        assertThat(recordsOn(Topics.COMMENT_STATUS.name()).stream()
                        .filter(r -> r.value() != null
                                && IntegrationTestBase.<CommentStatusChanged>value(r)
                                        .commentId()
                                        .equals(commentId))
                        .map(r -> r.key())
                        .distinct()
                        .toList())
                .containsExactly(articleId.toString());
    }

    @Test
    void aModeratorDecisionBeforeTheAutomaticOneIsTheOnlyStatusChangeAndTheCountFollowsIt() {
        UUID articleId = openArticle();
        UUID commentId = postComment(articleId, "Bo", "Racing", null);
        UUID marker = postComment(articleId, "Cy", "Marker", null);
        Instant now = Instant.now();

        publish(decision(articleId, commentId, Decision.APPROVED, "test-moderator", now));
        publish(decision(articleId, commentId, Decision.REJECTED, CommentModerated.RULES, now.plusSeconds(1)));
        publish(decision(articleId, marker, Decision.REJECTED, CommentModerated.RULES, now.plusSeconds(2)));

        awaitChanges(marker, 1);
        List<CommentStatusChanged> changes = changesOf(commentId);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Decision.APPROVED);
            assertThat(c.version()).isEqualTo(1);
        });
        assertThat(json(get("/api/articles/" + articleId + "/comments"))
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    private List<CommentStatusChanged> awaitChanges(UUID commentId, int atLeast) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> changesOf(commentId), c -> c.size() >= atLeast);
    }

    private static List<CommentStatusChanged> changesOf(UUID commentId) {
        return recordsOn(Topics.COMMENT_STATUS.name()).stream()
                .map(IntegrationTestBase::<CommentStatusChanged>value)
                .filter(c -> c.commentId().equals(commentId))
                .toList();
    }
}
