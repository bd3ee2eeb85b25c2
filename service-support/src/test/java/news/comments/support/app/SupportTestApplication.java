package news.comments.support.app;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.Topics;
import news.comments.support.outbox.Outbox;
import news.comments.web.access.AccessRules;
import news.comments.web.problem.ProblemException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tiny service built on service-support, the way the real services use it. */
@SpringBootApplication
public class SupportTestApplication {

    @Bean
    AccessRules accessRules() {
        return AccessRules.moderatorOnly("/api/things/*/lock")
                .readers(HttpMethod.GET, "/api/things/*")
                .readers(HttpMethod.POST, "/api/things");
    }

    public record NewThing(@NotBlank @Size(max = 10) String name, Boolean failAfterPublish) {}

    public record Thing(UUID id, String name) {}

    @RestController
    static class ThingController {

        private final ThingService things;

        ThingController(ThingService things) {
            this.things = things;
        }

        @PostMapping("/api/things")
        ResponseEntity<Thing> create(@Valid @RequestBody NewThing request) {
            Thing thing = things.create(request);
            return ResponseEntity.created(URI.create("/api/things/" + thing.id()))
                    .body(thing);
        }

        @GetMapping("/api/things/{id}")
        Thing get(@PathVariable UUID id) {
            return things.find(id).orElseThrow(() -> ProblemException.notFound("No thing " + id));
        }

        @PostMapping("/api/things/{id}/lock")
        String lock(@PathVariable UUID id, @AuthenticationPrincipal Jwt moderator) {
            return "locked by " + moderator.getSubject();
        }
    }

    @Component
    static class ThingService {

        private final JdbcClient jdbc;
        private final Outbox outbox;

        ThingService(JdbcClient jdbc, Outbox outbox) {
            this.jdbc = jdbc;
            this.outbox = outbox;
        }

        @Transactional
        Thing create(NewThing request) {
            UUID id = UUID.randomUUID();
            jdbc.sql("insert into thing (id, name) values (?, ?)")
                    .params(id, request.name())
                    .update();
            outbox.publish(
                    Topics.ARTICLE_STATE, new ArticleState(id, request.name(), true, null, null, 1, Instant.now()));
            if (Boolean.TRUE.equals(request.failAfterPublish())) {
                throw new IllegalStateException("rolled back on purpose");
            }
            return new Thing(id, request.name());
        }

        java.util.Optional<Thing> find(UUID id) {
            return jdbc.sql("select id, name from thing where id = ?")
                    .param(id)
                    .query(Thing.class)
                    .optional();
        }
    }

    @Component
    public static class DecisionRecorder {

        public final List<CommentModerated> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = "comments.moderated.v1")
        void on(CommentModerated decision) {
            received.add(decision);
        }
    }
}
