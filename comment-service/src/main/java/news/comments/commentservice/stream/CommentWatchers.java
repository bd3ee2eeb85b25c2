package news.comments.commentservice.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import news.comments.commentservice.comment.CommentViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** This instance's open comment streams, by article. */
@Component
class CommentWatchers {

    private static final Logger log = LoggerFactory.getLogger(CommentWatchers.class);

    private final Map<UUID, Set<SseEmitter>> byArticle = new ConcurrentHashMap<>();

    CommentWatchers(MeterRegistry meters) {
        Gauge.builder("comments.stream.watchers", this, CommentWatchers::count)
                .description("Open comment streams on this instance")
                .register(meters);
    }

    /** Opens a stream; the timeout is spring.mvc.async.request-timeout (the client reconnects after it). */
    SseEmitter watch(UUID articleId) {
        SseEmitter emitter = new SseEmitter();
        byArticle.computeIfAbsent(articleId, id -> ConcurrentHashMap.newKeySet()).add(emitter);
        emitter.onCompletion(() -> remove(articleId, emitter));
        emitter.onTimeout(() -> remove(articleId, emitter));
        emitter.onError(error -> remove(articleId, emitter));
        // A first line flushes the response headers, so the client knows it is subscribed.
        send(articleId, emitter, SseEmitter.event().comment("connected"));
        return emitter;
    }

    boolean isWatched(UUID articleId) {
        Set<SseEmitter> emitters = byArticle.get(articleId);
        return emitters != null && !emitters.isEmpty();
    }

    void push(UUID articleId, CommentViews.Item item) {
        for (SseEmitter emitter : byArticle.getOrDefault(articleId, Set.of())) {
            send(articleId, emitter, SseEmitter.event()
                    .name("comment")
                    .id(item.id().toString())
                    .data(item, MediaType.APPLICATION_JSON));
        }
    }

    /** Keeps idle streams alive through proxies and finds clients that went away. */
    @Scheduled(fixedRateString = "${comments.stream.heartbeat-interval:PT15S}",
            initialDelayString = "${comments.stream.heartbeat-interval:PT15S}")
    void heartbeat() {
        byArticle.forEach((articleId, emitters) -> emitters.forEach(
                emitter -> send(articleId, emitter, SseEmitter.event().comment("heartbeat"))));
    }

    /** Ends every stream before the web server's graceful shutdown starts waiting for requests to finish. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        byArticle.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
        byArticle.clear();
    }

    int count() {
        return byArticle.values().stream().mapToInt(Set::size).sum();
    }

    private void send(UUID articleId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            log.debug("stream of article {} is gone: {}", articleId, e.toString());
            remove(articleId, emitter);
            emitter.completeWithError(e);
        }
    }

    private void remove(UUID articleId, SseEmitter emitter) {
        byArticle.computeIfPresent(articleId, (id, emitters) -> {
            emitters.remove(emitter);
            return emitters.isEmpty() ? null : emitters;
        });
    }
}
