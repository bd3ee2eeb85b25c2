package news.comments.benchmark;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/** Benchmark 4: paging through one thread with many approved comments. */
final class ReadPathBenchmark {

    record PreparedThread(String articleId, String someCommentId) {
    }

    private static final int PAGE_SIZE = 50;
    private static final int CLIENTS = 8;

    private final GatewayApi api;
    private final ProcessCpu cpu;
    private final Sizes sizes;
    private PreparedThread thread;

    ReadPathBenchmark(GatewayApi api, ProcessCpu cpu, Sizes sizes) {
        this.api = api;
        this.cpu = cpu;
        this.sizes = sizes;
    }

    /** Posts the thread's comments and waits until all are approved; the overhead benchmark reuses it. */
    PreparedThread prepare() {
        if (thread != null) {
            return thread;
        }
        String articleId = api.createArticle("Read path benchmark");
        Http http = new Http();
        AtomicReference<String> someComment = new AtomicReference<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < sizes.readThreadComments(); i++) {
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
            throw new IllegalStateException(missing.size() + " of the thread's comments were not accepted after 5 rounds; "
                    + "answers: " + refusals);
        }
        if (!refusals.isEmpty()) {
            System.out.println("[bench] read path: posting the thread needed retries; refused answers: " + refusals);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        URI count = GatewayApi.commentsPage(api.base(), articleId, 0, 1);
        while (Http.expect(http.send(Http.get(count)), 200).get("total").asLong() < sizes.readThreadComments()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the thread's comments were not all approved within 5 minutes");
            }
            GatewayApi.sleep(500);
        }
        thread = new PreparedThread(articleId, someComment.get());
        return thread;
    }

    /** Posts the given comment numbers, 32 at a time; returns those that were not accepted. */
    private List<Integer> postAll(Http http, String articleId, List<Integer> numbers, AtomicReference<String> someComment,
                                  Map<String, Long> refusals) {
        Semaphore inFlight = new Semaphore(32);
        List<Integer> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i : numbers) {
            inFlight.acquireUninterruptibly();
            http.sendAsync(GatewayApi.postComment(api.base(), articleId, "thread-reader-" + i,
                    "Comment " + i + " in a long thread; it says something new each time.")).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 202) {
                    refused.add(i);
                    synchronized (refusals) {
                        refusals.merge(error != null ? error.getClass().getSimpleName() : "HTTP " + response.statusCode(),
                                1L, Long::sum);
                    }
                } else {
                    someComment.compareAndSet(null, Http.JSON.readTree(response.body()).get("id").asString());
                }
                inFlight.release();
            });
        }
        inFlight.acquireUninterruptibly(32);
        return new ArrayList<>(refused);
    }

    Section run() {
        PreparedThread prepared = prepare();
        int pages = Math.max(1, sizes.readThreadComments() / PAGE_SIZE);
        Section section = new Section("4. Read path");
        section.method("One article with " + sizes.readThreadComments() + " approved comments (posted through the gateway, "
                + "all APPROVED before measuring). Closed loop, " + CLIENTS + " clients, `GET /api/articles/{id}/comments"
                + "?page=P&size=" + PAGE_SIZE + "` through the gateway for " + sizes.readSeconds() + " s with P spread "
                + "over all " + pages + " pages; then the first and the last page alone, " + CLIENTS + " clients, "
                + Math.max(3, sizes.readSeconds() / 3) + " s each.");
        Http http = new Http();
        ClosedLoop.run(http, CLIENTS, 2, n -> GatewayApi.commentsPage(api.base(), prepared.articleId(), n % pages, PAGE_SIZE));
        cpu.start();
        ClosedLoop.Result all = ClosedLoop.run(http, CLIENTS, sizes.readSeconds(),
                n -> GatewayApi.commentsPage(api.base(), prepared.articleId(), (int) ((n * 7919L) % pages), PAGE_SIZE));
        String cpuUse = cpu.sinceStart();
        int shortRun = Math.max(3, sizes.readSeconds() / 3);
        ClosedLoop.Result first = ClosedLoop.run(http, CLIENTS, shortRun,
                n -> GatewayApi.commentsPage(api.base(), prepared.articleId(), 0, PAGE_SIZE));
        ClosedLoop.Result last = ClosedLoop.run(http, CLIENTS, shortRun,
                n -> GatewayApi.commentsPage(api.base(), prepared.articleId(), pages - 1, PAGE_SIZE));
        section.figure("| pages | requests/s | p50 ms | p99 ms | non-200 |");
        section.figure("|---|---|---|---|---|");
        row(section, "all " + pages + " pages", all);
        row(section, "first page", first);
        row(section, "last page", last);
        section.figure("");
        section.figure("- CPU while reading all pages: " + cpuUse);
        section.verdict(String.format(Locale.ROOT, "No numeric target in the issue; paged GET over %d comments: p50 %s ms, p99 %s ms.",
                sizes.readThreadComments(), Latency.millis(all.latency().percentileMillis(50)),
                Latency.millis(all.latency().percentileMillis(99))));
        return section;
    }

    private static void row(Section section, String label, ClosedLoop.Result result) {
        section.figure(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %d |", label, result.perSecond(),
                Latency.millis(result.latency().percentileMillis(50)), Latency.millis(result.latency().percentileMillis(99)),
                result.failures()));
    }
}
