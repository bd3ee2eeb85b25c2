package news.comments.systemtest;

import static news.comments.systemtest.Scenario.commentsPath;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Readers posting comments at a fixed rate (open loop: a slow or failing answer does not slow the
 * next post) to a few articles, for the fault tests. Every post and its answer is recorded.
 */
final class CommentLoad {

    /**
     * One comment: when it was first sent (ms since the load started), the last answer, how long that answer
     * took, and how many times it was sent.
     */
    record Post(long sentAtMillis, int status, String commentId, long latencyMillis, int attempts) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private final Queue<Post> posts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newFixedThreadPool(16);
    private final long startNanos = System.nanoTime();

    private CommentLoad() {}

    /**
     * Starts posting {@code perSecond} comments a second, spread over {@code articleIds}, for {@code duration}.
     * A comment that gets a 5xx or no answer is sent again, with the same {@code Idempotency-Key}, up to
     * {@code retries} times a second apart, as a careful client would.
     */
    static CommentLoad start(
            Api api, List<String> articleIds, int perSecond, Duration duration, String label, int retries) {
        CommentLoad load = new CommentLoad();
        long total = duration.toMillis() * perSecond / 1000;
        load.clock.scheduleAtFixedRate(
                () -> {
                    int n = load.sent.getAndIncrement();
                    if (n >= total) {
                        load.clock.shutdown();
                        return;
                    }
                    String articleId = articleIds.get(n % articleIds.size());
                    load.senders.execute(() -> load.post(api, articleId, label, n, retries));
                },
                0,
                1_000_000L / perSecond,
                TimeUnit.MICROSECONDS);
        return load;
    }

    private void post(Api api, String articleId, String label, int n, int retries) {
        long sentAt = millisSinceStart();
        String idempotencyKey = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            long before = System.nanoTime();
            int status;
            String id = null;
            try {
                // One author per comment and a unique text: the flood and duplicate rules stay out of it.
                Api.Reply reply = api.post(
                        commentsPath(articleId),
                        Map.of(
                                "author",
                                label + " reader " + n,
                                "text",
                                label + " comment " + n + ": thanks for the report."),
                        null,
                        Map.of("Idempotency-Key", idempotencyKey));
                status = reply.status();
                id = status == 202 ? reply.text("id") : null;
            } catch (RuntimeException noAnswer) {
                status = -1;
            }
            boolean retryable = status == -1 || status >= 500;
            if (!retryable || attempt > retries) {
                posts.add(new Post(sentAt, status, id, millisSince(before), attempt));
                return;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                posts.add(new Post(sentAt, status, id, millisSince(before), attempt));
                return;
            }
        }
    }

    /** Waits until every post is sent and answered. */
    CommentLoad await() throws InterruptedException {
        if (!clock.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the load did not finish sending");
        }
        senders.shutdown();
        if (!senders.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("posts still unanswered");
        }
        return this;
    }

    long millisSinceStart() {
        return millisSince(startNanos);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    List<Post> posts() {
        return new ArrayList<>(posts);
    }

    List<String> acceptedIds() {
        return posts.stream().filter(Post::accepted).map(Post::commentId).toList();
    }

    /** How many comments needed more than one send. */
    long retried() {
        return posts.stream().filter(post -> post.attempts() > 1).count();
    }

    /** Last answers by HTTP status (-1: no answer at all). */
    Map<Integer, Long> statusCounts() {
        Map<Integer, Long> counts = new TreeMap<>();
        posts.forEach(post -> counts.merge(post.status(), 1L, Long::sum));
        return counts;
    }
}
