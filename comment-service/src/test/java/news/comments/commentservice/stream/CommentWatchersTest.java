package news.comments.commentservice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import news.comments.web.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class CommentWatchersTest {

    /** Plays one reader's connection: counts what it is sent; once gone it fails like a finished request. */
    static final class FakeEmitter extends SseEmitter {

        final AtomicInteger sent = new AtomicInteger();
        volatile boolean gone;

        @Override
        public void send(SseEventBuilder event) throws IOException {
            if (gone) {
                throw new IllegalStateException("ResponseBodyEmitter has already completed");
            }
            sent.incrementAndGet();
        }

        @Override
        public void complete() {
            if (gone) {
                throw new IllegalStateException("the async request is already completed");
            }
        }

        @Override
        public void completeWithError(Throwable ex) {
            if (gone) {
                throw new IllegalStateException("the async request is already completed");
            }
        }
    }

    private final List<FakeEmitter> emitters = new ArrayList<>();

    private CommentWatchers watchers(int maxStreams) {
        return new CommentWatchers(
                new SimpleMeterRegistry(),
                maxStreams,
                Duration.ofMinutes(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(15)) {
            @Override
            SseEmitter newEmitter(long timeoutMillis) {
                FakeEmitter emitter = new FakeEmitter();
                emitters.add(emitter);
                return emitter;
            }
        };
    }

    @Test
    void aVanishedClientIsDroppedAndEveryOtherStreamStillGetsTheHeartbeat() {
        CommentWatchers watchers = watchers(100);
        for (int article = 0; article < 3; article++) {
            UUID articleId = UUID.randomUUID();
            for (int reader = 0; reader < 4; reader++) {
                watchers.watch(articleId);
            }
        }
        List<FakeEmitter> gone = List.of(emitters.get(1), emitters.get(5), emitters.get(6), emitters.get(11));
        gone.forEach(emitter -> emitter.gone = true);

        assertThatNoException().isThrownBy(watchers::heartbeat);

        assertThat(emitters)
                .filteredOn(emitter -> !emitter.gone)
                .allSatisfy(live ->
                        assertThat(live.sent).as("connected + heartbeat").hasValue(2));
        assertThat(watchers.count()).isEqualTo(12 - gone.size());

        watchers.heartbeat();
        assertThat(emitters)
                .filteredOn(emitter -> !emitter.gone)
                .allSatisfy(live -> assertThat(live.sent).hasValue(3));
    }

    @Test
    void oneStreamOverTheCapIsRefusedWith503AndAClosedOneFreesItsPlace() {
        CommentWatchers watchers = watchers(2);
        UUID articleId = UUID.randomUUID();
        watchers.watch(articleId);
        watchers.watch(articleId);

        assertThatThrownBy(() -> watchers.watch(articleId)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.status().value()).isEqualTo(503);
            assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("5");
        });
        assertThat(watchers.count()).isEqualTo(2);

        emitters.get(0).gone = true;
        watchers.heartbeat();
        assertThat(watchers.count()).isEqualTo(1);
        watchers.watch(articleId);
        assertThat(watchers.count()).isEqualTo(2);
    }
}
