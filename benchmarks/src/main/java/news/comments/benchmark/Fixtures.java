package news.comments.benchmark;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The articles and threads the benchmarks of one stack work on, made once through the gateway (before
 * anything is measured) and kept for the other benchmarks of the run.
 */
final class Fixtures {

    /** An article whose approved comments are in place, and one of them. */
    record PreparedThread(String articleId, String someCommentId, int comments) {}

    private final GatewayApi api;
    private final Map<String, List<String>> articles = new ConcurrentHashMap<>();
    private final Map<String, PreparedThread> threads = new ConcurrentHashMap<>();

    Fixtures(GatewayApi api) {
        this.api = api;
    }

    /** {@code count} open articles for one purpose, the same ones at every call. */
    synchronized List<String> articles(String purpose, int count) {
        return articles.computeIfAbsent(purpose + "/" + count, key -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(api.createArticle(purpose + " " + i));
            }
            return List.copyOf(ids);
        });
    }

    /** A thread of {@code comments} approved comments for one purpose, the same one at every call. */
    synchronized PreparedThread thread(String purpose, int comments) {
        return threads.computeIfAbsent(purpose + "/" + comments, key -> post(purpose, comments));
    }

    private PreparedThread post(String purpose, int comments) {
        String articleId = api.createArticle(purpose);
        Http http = new Http();
        AtomicReference<String> someComment = new AtomicReference<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < comments; i++) {
            missing.add(i);
        }
        // An overloaded stack may refuse some (503 busy, 504); post those again, a few rounds at most.
        Map<String, Long> refusals = new TreeMap<>();
        for (int round = 0; round < 5 && !missing.isEmpty(); round++) {
            if (round > 0) {
                GatewayApi.sleep(2_000);
            }
            missing = postAll(http, articleId, missing, someComment, refusals);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size()
                    + " of the thread's comments were not accepted after 5 rounds; " + "answers: " + refusals);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        URI count = GatewayApi.commentsPage(api.base(), articleId, 0, 1);
        while (Http.expect(http.send(Http.get(count)), 200).get("total").asLong() < comments) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the thread's comments were not all approved within 5 minutes");
            }
            GatewayApi.sleep(500);
        }
        return new PreparedThread(articleId, someComment.get(), comments);
    }

    /** Posts the given comment numbers, 32 at a time; returns those that were not accepted. */
    private List<Integer> postAll(
            Http http,
            String articleId,
            List<Integer> numbers,
            AtomicReference<String> someComment,
            Map<String, Long> refusals) {
        Semaphore inFlight = new Semaphore(32);
        List<Integer> refused = Collections.synchronizedList(new ArrayList<>());
        for (int i : numbers) {
            inFlight.acquireUninterruptibly();
            http.sendAsync(GatewayApi.postComment(
                            api.base(),
                            articleId,
                            "thread-reader-" + i,
                            "Comment " + i + " in a long thread; it says something new each time."))
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 202) {
                            refused.add(i);
                            synchronized (refusals) {
                                refusals.merge(
                                        error != null
                                                ? error.getClass().getSimpleName()
                                                : "HTTP " + response.statusCode(),
                                        1L,
                                        Long::sum);
                            }
                        } else {
                            someComment.compareAndSet(
                                    null,
                                    Http.JSON
                                            .readTree(response.body())
                                            .get("id")
                                            .asString());
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquireUninterruptibly(32);
        return new ArrayList<>(refused);
    }
}
