package news.comments.systemtest;

import static news.comments.systemtest.Scenario.awaitAllDecided;
import static news.comments.systemtest.Scenario.awaitDecision;
import static news.comments.systemtest.Scenario.commentsPath;
import static news.comments.systemtest.Scenario.createArticle;
import static news.comments.systemtest.Scenario.postCommentOnceArticleIsKnown;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import news.comments.systemtest.SharedStack.SystemUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Closed means closed": a flood of comments races a moderator closing the thread. Every comment
 * that got a 202 is decided, and none submitted at or after the close time is approved, whatever
 * order the events reached the services in.
 */
@ExtendWith(SharedStack.class)
class ClosedThreadRaceSystemTest {

    private static final int COMMENTS = 600;
    private static final int CLOSE_AFTER = COMMENTS / 2;
    private static final int THREADS = 16;

    record Decided(String id, String status, Instant submittedAt) {}

    @Test
    void noCommentSubmittedAtOrAfterTheCloseIsApproved(SystemUnderTest system) throws Exception {
        Api api = system.api();
        String token = system.moderatorToken();
        String articleId = createArticle(api, token, "Storm closes the coastal road");
        Queue<String> accepted = new ConcurrentLinkedQueue<>();
        String first = postCommentOnceArticleIsKnown(api, articleId, "Reader 0", "Stay safe out there, everyone.")
                .text("id");
        accepted.add(first);

        Map<Integer, AtomicInteger> statusCounts = new ConcurrentHashMap<>();
        CountDownLatch halfway = new CountDownLatch(CLOSE_AFTER);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> posts = new ArrayList<>();
        for (int i = 1; i <= COMMENTS; i++) {
            int n = i;
            posts.add(pool.submit(() -> {
                try {
                    Api.Reply reply = postWithRetryOnTooMany(api, articleId, n);
                    statusCounts
                            .computeIfAbsent(reply.status(), status -> new AtomicInteger())
                            .incrementAndGet();
                    if (reply.status() == 202) {
                        accepted.add(reply.text("id"));
                    }
                } finally {
                    halfway.countDown();
                }
            }));
        }
        assertThat(halfway.await(3, TimeUnit.MINUTES)).isTrue();
        Api.Reply closed = api.post("/api/articles/" + articleId + "/close", Map.of("reason", "Race test"), token);
        assertThat(closed.status())
                .as("close in the middle of the flood: %s", closed)
                .isEqualTo(200);
        for (Future<?> post : posts) {
            post.get(3, TimeUnit.MINUTES);
        }
        pool.shutdown();

        Instant closedAt = Instant.parse(api.get("/api/articles/" + articleId).text("closedAt"));

        List<Decided> decided = new ArrayList<>();
        awaitAllDecided(api, accepted, Duration.ofMinutes(3))
                .forEach((id, comment) -> decided.add(
                        new Decided(id, comment.text("status"), Instant.parse(comment.text("submittedAt")))));

        Map<String, Integer> before = new TreeMap<>();
        Map<String, Integer> atOrAfter = new TreeMap<>();
        for (Decided comment : decided) {
            (comment.submittedAt().isBefore(closedAt) ? before : atOrAfter).merge(comment.status(), 1, Integer::sum);
        }
        System.out.printf(
                "Closed-thread race: %d POSTs, HTTP statuses %s; closedAt %s; %d accepted; "
                        + "decisions submitted before close %s, at or after close %s%n",
                COMMENTS + 1, new TreeMap<>(statusCounts), closedAt, accepted.size(), before, atOrAfter);

        assertThat(COMMENTS + 1).isGreaterThanOrEqualTo(500);
        assertThat(decided).hasSize(accepted.size());
        assertThat(decided)
                .filteredOn(comment -> !comment.submittedAt().isBefore(closedAt))
                .as("comments submitted at or after the close (%s) that were approved", closedAt)
                .noneMatch(comment -> comment.status().equals("APPROVED"));
        assertThat(statusCounts.keySet()).as("only accepted or closed answers").isSubsetOf(202, 409);
        assertThat(awaitDecision(api, first).text("status"))
                .as("a comment from before the flood")
                .isEqualTo("APPROVED");
    }

    /** A rate limiter may answer 429 to a flood from one address; honour Retry-After a few times. */
    private static Api.Reply postWithRetryOnTooMany(Api api, String articleId, int n) {
        Api.Reply reply = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            reply = api.post(
                    commentsPath(articleId),
                    Map.of(
                            "author",
                            "Reader " + n,
                            "text",
                            "Comment " + n + ": thanks for the update, drive carefully."),
                    null);
            if (reply.status() != 429) {
                return reply;
            }
            long waitSeconds = reply.header("Retry-After").map(Long::parseLong).orElse(1L);
            try {
                Thread.sleep(Math.min(waitSeconds, 10) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply;
            }
        }
        return reply;
    }
}
