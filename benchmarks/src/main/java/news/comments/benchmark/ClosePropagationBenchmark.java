package news.comments.benchmark;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import news.comments.events.Decision;

/**
 * Benchmark 5: how long after a moderator's close the first comment that still got in is
 * rejected. Around each close a reader keeps posting; the first REJECTED decision (THREAD_CLOSED)
 * on that article is the moment the close took effect in moderation. The first 409 is the moment
 * comment-service's door shut.
 */
final class ClosePropagationBenchmark {

    private static final long POST_GAP_MS = 2;
    private static final long GIVE_UP_NANOS = 10_000_000_000L;

    private final GatewayApi api;
    private final DecisionWatcher decisions;
    private final Sizes sizes;

    ClosePropagationBenchmark(GatewayApi api, DecisionWatcher decisions, Sizes sizes) {
        this.api = api;
        this.decisions = decisions;
        this.sizes = sizes;
    }

    /** One section for all stacks: the method once, then each stack's figures under its name. */
    static Section run(java.util.List<BenchStack> stacks, Sizes sizes) {
        Section section = new Section("5. Close propagation");
        section.method(
                "Repeated " + sizes.closeRepeats() + " times on a fresh article each: one reader posts a comment every "
                        + POST_GAP_MS
                        + " ms (one at a time, each with its own author) from just before the close call until the "
                        + "first 409; the moderator's `POST /api/articles/{id}/close` goes through the gateway. Measured from "
                        + "sending the close: the first REJECTED decision with THREAD_CLOSED on that article seen by the "
                        + "harness's read_committed consumer of `comments.moderated.v1`, and the first 409 \"Comments are closed.\".");
        for (BenchStack stack : stacks) {
            new ClosePropagationBenchmark(stack.api(), stack.decisions(), sizes).measure(section, stack.name());
        }
        return section;
    }

    private void measure(Section section, String variant) {
        Latency toRejected = new Latency();
        Latency toRefused = new Latency();
        Latency closeCall = new Latency();
        int noneSlippedThrough = 0;
        int approvedAfterClose = 0;
        for (int i = 0; i < sizes.closeRepeats(); i++) {
            Result result = once(i);
            closeCall.recordNanos(result.closeAnsweredNanos());
            if (result.firstRefusedNanos() > 0) {
                toRefused.recordNanos(result.firstRefusedNanos());
            }
            if (result.firstRejectedNanos() > 0) {
                toRejected.recordNanos(result.firstRejectedNanos());
            } else {
                noneSlippedThrough++;
            }
            approvedAfterClose += result.approvedAfterCloseAnswered();
        }
        section.figure("**" + variant + "**");
        section.figure("");
        section.figure("| from sending the close to | p50 ms | p99 ms | max ms | n |");
        section.figure("|---|---|---|---|---|");
        row(section, "the close call's 200", closeCall);
        row(section, "the first 409 at the door", toRefused);
        row(section, "**the first REJECTED decision**", toRejected);
        section.figure("");
        section.figure("- Closes after which no comment got a 202 (nothing to reject): " + noneSlippedThrough + " of "
                + sizes.closeRepeats() + ".");
        section.figure("- Comments APPROVED although posted after the close call had answered 200: "
                + approvedAfterClose + " (must be 0).");
        section.figure("");
        section.verdict(variant + ": no numeric target in the issue. Close to first REJECTED: " + toRejected.summary()
                + "; approved after the close answered: " + approvedAfterClose + " (must be 0).");
    }

    private static void row(Section section, String label, Latency latency) {
        section.figure(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %d |",
                label,
                latency.count() == 0 ? "-" : Latency.millis(latency.percentileMillis(50)),
                latency.count() == 0 ? "-" : Latency.millis(latency.percentileMillis(99)),
                latency.count() == 0 ? "-" : Latency.millis(latency.maxMillis()),
                latency.count()));
    }

    private record Result(
            long closeAnsweredNanos, long firstRefusedNanos, long firstRejectedNanos, int approvedAfterCloseAnswered) {}

    private Result once(int round) {
        String articleId = api.createArticle("Close propagation benchmark " + round);
        UUID article = UUID.fromString(articleId);
        Http http = new Http();
        AtomicLong firstRejected = new AtomicLong();
        java.util.Set<UUID> postedAfterCloseAnswered = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<UUID> approved = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicLong closeSent = new AtomicLong(); // 0 until the close is sent
        decisions.watchArticle(article, seen -> {
            if (seen.decision().decision() == Decision.REJECTED
                    && seen.decision().reasons().stream()
                            .anyMatch(reason -> reason.code().equals("THREAD_CLOSED"))) {
                firstRejected.compareAndSet(0, seen.atNanos());
            } else if (seen.decision().decision() == Decision.APPROVED) {
                approved.add(seen.decision().commentId());
            }
        });
        try {
            AtomicLong firstRefused = new AtomicLong();
            AtomicLong closeAnswered = new AtomicLong();
            java.lang.Thread reader = new java.lang.Thread(
                    () -> {
                        for (int n = 0;
                                firstRefused.get() == 0
                                        && (closeSent.get() == 0
                                                || System.nanoTime() - closeSent.get() < GIVE_UP_NANOS);
                                n++) {
                            long before = System.nanoTime();
                            HttpResponse<String> response = http.send(GatewayApi.postComment(
                                    api.base(),
                                    articleId,
                                    "closing-reader-" + round + "-" + n,
                                    "Posted around the close, number " + n + "."));
                            if (response.statusCode() == 409) {
                                firstRefused.compareAndSet(0, System.nanoTime());
                            } else if (response.statusCode() == 202
                                    && closeAnswered.get() != 0
                                    && before > closeAnswered.get()) {
                                postedAfterCloseAnswered.add(UUID.fromString(Http.JSON
                                        .readTree(response.body())
                                        .get("id")
                                        .asString()));
                            }
                            GatewayApi.sleep(POST_GAP_MS);
                        }
                    },
                    "closing-reader");
            reader.start();
            GatewayApi.sleep(50); // the reader is posting before the close
            long sent = System.nanoTime();
            closeSent.set(sent);
            Http.expect(http.send(api.closeArticle(articleId)), 200);
            closeAnswered.set(System.nanoTime());
            reader.join();
            while (firstRejected.get() == 0 && System.nanoTime() - sent < GIVE_UP_NANOS) {
                GatewayApi.sleep(5);
            }
            GatewayApi.sleep(1_000); // decisions on the last comments before counting "approved after close"
            postedAfterCloseAnswered.retainAll(approved);
            return new Result(
                    closeAnswered.get() - sent,
                    firstRefused.get() == 0 ? 0 : firstRefused.get() - sent,
                    firstRejected.get() == 0 ? 0 : firstRejected.get() - sent,
                    postedAfterCloseAnswered.size());
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            decisions.stopWatching(article);
        }
    }
}
