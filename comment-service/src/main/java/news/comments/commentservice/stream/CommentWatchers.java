package news.comments.commentservice.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import news.comments.commentservice.comment.CommentViews;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * This instance's open comment streams, by article. Their number is capped (each one holds a
 * connection and buffers): one more is refused with 503 problem+json, and a stream ends after
 * {@code comments.stream.timeout} (the browser reconnects), so a client that vanished without a
 * trace is dropped at the latest then, usually at the next heartbeat.
 */
@Component
class CommentWatchers implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CommentWatchers.class);

    private final Map<UUID, Set<SseEmitter>> byArticle = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final int maxStreams;
    private final Duration timeout;
    private final Duration retryAfter;
    private final Duration heartbeatInterval;

    @Autowired
    CommentWatchers(MeterRegistry meters, StreamProperties properties) {
        this(
                meters,
                properties.maxStreams(),
                properties.timeout(),
                properties.retryAfter(),
                properties.heartbeatInterval());
    }

    CommentWatchers(
            MeterRegistry meters, int maxStreams, Duration timeout, Duration retryAfter, Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
        this.maxStreams = maxStreams;
        this.timeout = timeout;
        this.retryAfter = retryAfter;
        Gauge.builder("comments.stream.watchers", this, CommentWatchers::count)
                .description("Open comment streams on this instance")
                .register(meters);
    }

    /** Opens a stream, or refuses with 503 when this instance already serves {@code max-streams}. */
    SseEmitter watch(UUID articleId) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            long seconds = Math.max(1, retryAfter.toSeconds());
            throw new ProblemException(
                            ProblemType.SERVICE_BUSY, "Too many open comment streams; try again in " + seconds + " s.")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        SseEmitter emitter = newEmitter(timeout.toMillis());
        byArticle
                .computeIfAbsent(articleId, id -> ConcurrentHashMap.newKeySet())
                .add(emitter);
        emitter.onCompletion(() -> remove(articleId, emitter));
        emitter.onTimeout(() -> remove(articleId, emitter));
        emitter.onError(error -> remove(articleId, emitter));
        // A first line flushes the response headers, so the client knows it is subscribed.
        send(articleId, emitter, SseEmitter.event().comment("connected"));
        return emitter;
    }

    /** The emitter of one new stream (a seam for tests that play a vanished client). */
    SseEmitter newEmitter(long timeoutMillis) {
        return new SseEmitter(timeoutMillis);
    }

    boolean isWatched(UUID articleId) {
        Set<SseEmitter> emitters = byArticle.get(articleId);
        return emitters != null && !emitters.isEmpty();
    }

    void push(UUID articleId, CommentViews.Item item) {
        for (SseEmitter emitter : byArticle.getOrDefault(articleId, Set.of())) {
            send(
                    articleId,
                    emitter,
                    SseEmitter.event().name("comment").id(item.id().toString()).data(item, MediaType.APPLICATION_JSON));
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedRateTask(new FixedRateTask(this::heartbeat, heartbeatInterval, heartbeatInterval));
    }

    /** Keeps idle streams alive through proxies and finds clients that went away. */
    void heartbeat() {
        byArticle.forEach((articleId, emitters) -> emitters.forEach(
                emitter -> send(articleId, emitter, SseEmitter.event().comment("heartbeat"))));
    }

    /** Ends every stream before the web server's graceful shutdown starts waiting for requests to finish. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        byArticle.forEach((articleId, emitters) -> emitters.forEach(emitter -> {
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                log.debug("stream of article {} was already gone: {}", articleId, e.toString());
            }
        }));
        byArticle.clear();
        open.set(0);
    }

    int count() {
        return open.get();
    }

    /**
     * One emitter that fails only removes itself: every other stream of the round still gets its event.
     * After an I/O error the servlet container ends that request itself (Spring's advice: no
     * completeWithError then); any other failure ends the stream here, and whatever completing an
     * emitter whose request is already gone throws is swallowed.
     */
    private void send(UUID articleId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException e) {
            log.debug("stream of article {} is gone: {}", articleId, e.toString());
            remove(articleId, emitter);
        } catch (RuntimeException e) {
            log.debug("stream of article {} has ended: {}", articleId, e.toString());
            remove(articleId, emitter);
            try {
                emitter.complete();
            } catch (RuntimeException alreadyGone) {
                log.trace("stream of article {} was already complete", articleId, alreadyGone);
            }
        }
    }

    private void remove(UUID articleId, SseEmitter emitter) {
        AtomicBoolean removed = new AtomicBoolean();
        byArticle.computeIfPresent(articleId, (id, emitters) -> {
            removed.set(emitters.remove(emitter));
            return emitters.isEmpty() ? null : emitters;
        });
        if (removed.get()) {
            open.decrementAndGet();
        }
    }
}
