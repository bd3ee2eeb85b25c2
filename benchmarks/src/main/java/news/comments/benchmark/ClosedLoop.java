package news.comments.benchmark;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/** A fixed number of clients, each sending its next GET as soon as the last answered, for a fixed time. */
final class ClosedLoop {

    record Result(Latency latency, long requests, long failures, double perSecond) {
    }

    private ClosedLoop() {
    }

    /** uriForRequest gets a running request number (e.g. to pick a page). */
    static Result run(Http http, int clients, int seconds, IntFunction<URI> uriForRequest) {
        Latency latency = new Latency();
        LongAdder requests = new LongAdder();
        LongAdder failures = new LongAdder();
        AtomicInteger counter = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    URI uri = uriForRequest.apply(counter.getAndIncrement());
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(Http.get(uri));
                        latency.recordNanos(System.nanoTime() - sent);
                        requests.increment();
                        if (response.statusCode() != 200) {
                            failures.increment();
                        }
                    } catch (RuntimeException e) {
                        failures.increment();
                    }
                }
            }, "closed-loop-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(latency, requests.sum(), failures.sum(), requests.sum() / elapsed);
    }
}
