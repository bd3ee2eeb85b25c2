package news.comments.benchmark;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark 1: an open-loop load generator posts comments through the gateway at rising fixed
 * rates, spread over many articles. Latency is measured from the moment each POST was due
 * (not when it could be sent), so a stalled system is not flattered (coordinated omission).
 */
final class EndToEndBenchmark {

    static final double TARGET_RATE = 5_000;
    static final double TARGET_DECISION_P99_MS = 100;
    /** Below the gateway's bulkhead (200 concurrent calls per service) so overload shows as latency, not 503s. */
    private static final int MAX_IN_FLIGHT = 150;
    private static final long POLL_INTERVAL_MS = 10;

    record Step(int offeredRate, long sent, long accepted, Map<Integer, Long> statuses, long errors,
                double acceptedPerSecond, Latency post, Latency decision, Latency apiVisible, long undecided,
                String cpu) {

        boolean sustained() {
            return acceptedPerSecond >= 0.9 * offeredRate;
        }
    }

    private final GatewayApi api;
    private final DecisionWatcher decisions;
    private final ProcessCpu cpu;
    private final Sizes sizes;
    private final Http http = new Http();
    private final Http pollHttp = new Http();
    private final ScheduledExecutorService pollScheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong sequence = new AtomicLong();

    EndToEndBenchmark(GatewayApi api, DecisionWatcher decisions, ProcessCpu cpu, Sizes sizes) {
        this.api = api;
        this.decisions = decisions;
        this.cpu = cpu;
        this.sizes = sizes;
    }

    Section run() {
        Section section = new Section("1. End to end through the gateway");
        section.method("An open-loop generator in the harness JVM (JDK HttpClient, HTTP/1.1, at most " + MAX_IN_FLIGHT
                + " POSTs in flight) posts `POST /api/articles/{id}/comments` through the gateway at fixed rates, "
                + sizes.rateSeconds() + " s per rate, round-robin over " + sizes.articles() + " articles, every comment "
                + "with its own author and text (so the duplicate and flood rules stay quiet and every comment is APPROVED). "
                + "POST latency runs from the moment the request was due to the response. Decision latency runs from the "
                + "202 to the moment the harness's read_committed consumer of `comments.moderated.v1` sees the decision "
                + "(all comments). API-visible latency runs from the 202 until `GET /api/comments/{id}` through the "
                + "gateway no longer says PENDING, polled every " + POLL_INTERVAL_MS + " ms for a sample of about 10 "
                + "comments a second. Accepted/s = 202 answers / (last answer - first due time). Rates stop rising after "
                + "the first rate the system does not sustain (accepted < 90 % of offered); a step stops sending at 3× "
                + "its planned length. HdrHistogram, 3 digits. "
                + "CPU is per process (incl. children) over the posting phase, in % of one core.");
        List<String> articles = new ArrayList<>();
        for (int i = 0; i < sizes.articles(); i++) {
            articles.add(api.createArticle("End-to-end benchmark " + i));
        }
        runStep(articles, Math.min(100, sizes.rates().get(0)), 3); // warm-up, not reported
        section.figure("| offered/s | accepted/s | 202 of sent | POST p50 / p99 ms | decision p50 / p99 ms | API-visible p50 / p99 ms (n) | undecided after 15 s |");
        section.figure("|---|---|---|---|---|---|---|");
        List<Step> steps = new ArrayList<>();
        for (int rate : sizes.rates()) {
            Step step = runStep(articles, rate, sizes.rateSeconds());
            steps.add(step);
            section.figure(String.format(Locale.ROOT, "| %d | %.0f | %d / %d%s | %s / %s | %s / %s | %s / %s (%d) | %d |",
                    rate, step.acceptedPerSecond(), step.accepted(), step.sent(), others(step),
                    ms(step.post(), 50), ms(step.post(), 99), ms(step.decision(), 50), ms(step.decision(), 99),
                    ms(step.apiVisible(), 50), ms(step.apiVisible(), 99), step.apiVisible().count(), step.undecided()));
            if (!step.sustained()) {
                break;
            }
        }
        section.figure("");
        steps.forEach(step -> section.figure("- CPU at " + step.offeredRate() + "/s: " + step.cpu()));
        verdict(section, steps);
        pollScheduler.shutdownNow();
        return section;
    }

    private static String others(Step step) {
        StringBuilder out = new StringBuilder();
        step.statuses().forEach((status, count) -> {
            if (status != 202) {
                out.append(", ").append(count).append("×").append(status);
            }
        });
        if (step.errors() > 0) {
            out.append(", ").append(step.errors()).append(" I/O errors");
        }
        return out.toString();
    }

    private static String ms(Latency latency, double percentile) {
        return latency.count() == 0 ? "-" : Latency.millis(latency.percentileMillis(percentile));
    }

    private void verdict(Section section, List<Step> steps) {
        boolean met = steps.stream().anyMatch(step -> step.acceptedPerSecond() >= TARGET_RATE
                && step.decision().count() > 0 && step.decision().percentileMillis(99) < TARGET_DECISION_P99_MS);
        Step best = steps.stream().filter(Step::sustained)
                .max((a, b) -> Double.compare(a.acceptedPerSecond(), b.acceptedPerSecond()))
                .orElse(steps.get(0));
        section.verdict(String.format(Locale.ROOT,
                "**Target** (≥ %.0f comments/s with decision p99 < %.0f ms): **%s**. Highest sustained rate: %.0f accepted/s "
                        + "(%.0f %% of the target) with decision p99 %s ms; peak accepted/s in any step: %.0f.",
                TARGET_RATE, TARGET_DECISION_P99_MS, met ? "met" : "missed",
                best.acceptedPerSecond(), 100 * best.acceptedPerSecond() / TARGET_RATE, ms(best.decision(), 99),
                steps.stream().mapToDouble(Step::acceptedPerSecond).max().orElse(0)));
    }

    private Step runStep(List<String> articles, int rate, int seconds) {
        Latency post = new Latency();
        Latency decision = new Latency();
        Latency visible = new Latency();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder errors = new LongAdder();
        LongAdder accepted = new LongAdder();
        LongAdder decided = new LongAdder();
        AtomicLong lastAnswer = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long sampleEvery = Math.max(1, rate / 10);
        long total = (long) rate * seconds;
        URI base = api.base();

        cpu.start();
        long start = System.nanoTime() + 20_000_000L;
        // A saturated system would stretch a step without end: stop sending at 3× its planned length.
        long stopSendingAt = start + 3L * seconds * 1_000_000_000L;
        long sent = 0;
        for (long i = 0; i < total && System.nanoTime() < stopSendingAt; i++, sent++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly();
            long seq = sequence.incrementAndGet();
            String article = articles.get((int) (i % articles.size()));
            http.sendAsync(GatewayApi.postComment(base, article, "reader-" + seq,
                            "Comment " + seq + " on this story: thank you for writing it."))
                    .whenComplete((response, error) -> {
                        long answeredAt = System.nanoTime();
                        inFlight.release();
                        post.recordNanos(answeredAt - due);
                        lastAnswer.accumulateAndGet(answeredAt, Math::max);
                        if (error != null) {
                            errors.increment();
                            return;
                        }
                        statuses.computeIfAbsent(response.statusCode(), code -> new LongAdder()).increment();
                        if (response.statusCode() == 202) {
                            accepted.increment();
                            UUID id = UUID.fromString(Http.JSON.readTree(response.body()).get("id").asString());
                            decisions.onDecision(id, seen -> {
                                decision.recordNanos(seen.atNanos() - answeredAt);
                                decided.increment();
                            });
                            if (seq % sampleEvery == 0) {
                                pollUntilDecided(URI.create(base + "/api/comments/" + id), answeredAt, visible,
                                        answeredAt + TimeUnit.SECONDS.toNanos(15));
                            }
                        }
                    });
        }
        inFlight.acquireUninterruptibly(MAX_IN_FLIGHT); // every answer is in
        inFlight.release(MAX_IN_FLIGHT);
        String cpuUse = cpu.sinceStart();
        double elapsed = Math.max(1, lastAnswer.get() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (decided.sum() < accepted.sum() && System.nanoTime() < deadline) {
            GatewayApi.sleep(20);
        }
        GatewayApi.sleep(300); // let the sampled polls see their last decisions
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return new Step(rate, sent, accepted.sum(), counts, errors.sum(), accepted.sum() / elapsed,
                post, decision, visible, accepted.sum() - decided.sum(), cpuUse);
    }

    private void pollUntilDecided(URI comment, long acceptedAt, Latency visible, long deadline) {
        pollHttp.sendAsync(Http.get(comment)).whenComplete((HttpResponse<String> response, Throwable error) -> {
            if (response != null && response.statusCode() == 200 && !response.body().contains("\"status\":\"PENDING\"")) {
                visible.recordNanos(System.nanoTime() - acceptedAt);
            } else if (System.nanoTime() < deadline) {
                pollScheduler.schedule(() -> pollUntilDecided(comment, acceptedAt, visible, deadline),
                        POLL_INTERVAL_MS, TimeUnit.MILLISECONDS);
            }
        });
    }
}
