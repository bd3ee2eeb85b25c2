package news.comments.commentservice.article;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Waits a little for an article's snapshot that has not reached the local copy yet. An article's
 * first snapshot travels article-service, outbox, Kafka, this listener: a reader who opens the page
 * at once may be faster. Rather than call article-service (a synchronous dependency the event-driven
 * design avoids), a miss waits up to {@code comments.articles.snapshot-wait} for the snapshot; an
 * article that never existed is still 404, only later. The listener on this instance wakes waiters
 * at once; the copy is also re-read every {@code snapshot-poll}, because another instance's listener
 * may be the one that stores it. At most {@code max-waiting} requests wait at a time, so unknown ids
 * cannot tie up the request threads: beyond that a miss is answered at once.
 */
@Component
class ArticleArrivals {

    private final Map<UUID, CompletableFuture<Void>> signals = new ConcurrentHashMap<>();
    private final Semaphore waiting;
    private final Duration wait;
    private final Duration poll;

    @Autowired
    ArticleArrivals(ArticleCopyProperties properties) {
        this(properties.snapshotWait(), properties.snapshotPoll(), properties.maxWaiting());
    }

    ArticleArrivals(Duration wait, Duration poll, int maxWaiting) {
        this.wait = wait;
        this.poll = poll;
        this.waiting = new Semaphore(maxWaiting);
    }

    /** The listener stored (or saw) this article's snapshot. */
    void arrived(UUID articleId) {
        CompletableFuture<Void> signal = signals.remove(articleId);
        if (signal != null) {
            signal.complete(null);
        }
    }

    /** Looks {@code articleId} up until it is found or the wait is over. */
    <T> Optional<T> await(UUID articleId, Supplier<Optional<T>> lookup) {
        if (wait.isZero() || !waiting.tryAcquire()) {
            return lookup.get();
        }
        CompletableFuture<Void> signal = null;
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                // Registered before the look-up, so a snapshot stored in between still wakes us.
                signal = signals.computeIfAbsent(articleId, id -> new CompletableFuture<>());
                Optional<T> found = lookup.get();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                try {
                    signal.get(Math.min(left, poll.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException pollAgain) {
                    // another instance may have stored it
                } catch (ExecutionException impossible) {
                    // the signal is only ever completed normally
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (signal != null) {
                signals.remove(articleId, signal);
            }
            waiting.release();
        }
    }
}
