package news.comments.moderationservice.decision;

import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.comments.events.CommentModerated;
import news.comments.events.Reason;
import news.comments.moderationservice.moderation.ModerationTopology;
import news.comments.moderationservice.rules.RuleSetSource;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A moderator approves, rejects or removes a comment (moderator-only by config/SecurityConfig). The decision, with
 * the moderator's identity, a fresh decision id and the rules version in force, is requested on
 * {@link ModerationTopology#MODERATOR_DECISIONS_TOPIC}; 202 once Kafka has it. The topology applies it to the
 * comment's track and publishes it on {@code comments.moderated.v1} exactly once; comment-service lands it (a
 * newer moderator decision wins) or skips it when it has no such comment on that article.
 */
@RestController
class DecisionController {

    private final KafkaTemplate<String, Object> kafka;
    private final RuleSetSource rules;
    private final Clock clock;

    DecisionController(KafkaTemplate<String, Object> kafka, RuleSetSource rules, Clock clock) {
        this.kafka = kafka;
        this.rules = rules;
        this.clock = clock;
    }

    @PostMapping("/api/moderation/comments/{commentId}/decisions")
    ResponseEntity<Map<String, Object>> decide(
            @PathVariable UUID commentId,
            @Valid @RequestBody ModeratorDecision body,
            @AuthenticationPrincipal Jwt jwt) {
        String note = body.note() == null || body.note().isBlank()
                ? null
                : body.note().strip();
        String moderator = jwt.getSubject();
        Reason reason = new Reason(
                "MODERATOR_" + body.decision().name(), note == null ? "Decided by moderator " + moderator + "." : note);
        CommentModerated decision = new CommentModerated(
                UUID.randomUUID(),
                commentId,
                body.articleId(),
                body.decision().outcome(),
                List.of(reason),
                moderator,
                rules.current().version(),
                clock.instant(),
                note);
        try {
            kafka.send(new ProducerRecord<>(
                            ModerationTopology.MODERATOR_DECISIONS_TOPIC,
                            null,
                            decision.decidedAt().toEpochMilli(),
                            decision.partitionKey(),
                            decision))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        }
        return ResponseEntity.accepted()
                .body(Map.of(
                        "decisionId", decision.decisionId(),
                        "commentId", commentId,
                        "articleId", body.articleId(),
                        "decision", decision.decision(),
                        "decidedBy", moderator,
                        "decidedAt", decision.decidedAt().toString(),
                        "rulesVersion", decision.rulesVersion()));
    }

    private static ProblemException unavailable() {
        return new ProblemException(ProblemType.KAFKA_UNAVAILABLE, "Kafka did not accept the decision; try again.");
    }
}
