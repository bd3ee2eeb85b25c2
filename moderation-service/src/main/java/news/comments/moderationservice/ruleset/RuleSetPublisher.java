package news.comments.moderationservice.ruleset;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.comments.events.RuleSetPublished;
import news.comments.events.Topics;
import news.comments.moderationservice.rules.InvalidRuleSetException;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes a new rule set version with optimistic concurrency. The check "based on the version in force" is
 * made here, and then settled by the log: after sending, it waits until this instance has read its own record
 * back and answers success only if that record is the one in force (the first of its version on the log). A
 * moderator who lost a race with another instance gets 409, and the winner is written again so that compaction,
 * which keeps the last record of the key, keeps the winner.
 */
public class RuleSetPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, Object> kafka;
    private final LiveRuleSet live;
    private final Clock clock;

    public RuleSetPublisher(KafkaTemplate<String, Object> kafka, LiveRuleSet live, Clock clock) {
        this.kafka = kafka;
        this.live = live;
        this.clock = clock;
    }

    /**
     * @throws InvalidRuleSetException when the document is not a valid rule set
     * @throws ProblemException 409 when {@code basedOn} is not the version in force, or another change won
     */
    public synchronized LiveRuleSet.InForce publish(long basedOn, RuleSetDocument document, String moderator) {
        LiveRuleSet.InForce before = live.inForce();
        RuleSet next = document.toRuleSet(before.rules().version() + 1);
        if (basedOn != before.rules().version()) {
            throw stale(basedOn, before.rules().version());
        }
        RuleSetPublished event =
                new RuleSetPublished(next.version(), RuleSetDocument.of(next).toMap(), moderator, clock.instant());
        SendResult<String, Object> sent = send(event);
        int partition = sent.getRecordMetadata().partition();
        long offset = sent.getRecordMetadata().offset();
        if (!live.awaitConsumed(partition, offset, SEND_TIMEOUT)) {
            throw new ProblemException(
                    ProblemType.RULES_NOT_CONFIRMED,
                    "Version " + next.version() + " was written but not read back in time; GET the rules to see it.");
        }
        LiveRuleSet.InForce after = live.inForce();
        if (after.partition() == partition && after.offset() == offset) {
            return after;
        }
        if (after.event() != null) {
            send(after.event()); // keep the winner the last record of the key (see class comment)
        }
        throw stale(basedOn, after.rules().version());
    }

    private SendResult<String, Object> send(RuleSetPublished event) {
        try {
            return kafka.send(new ProducerRecord<>(
                            Topics.MODERATION_RULES.name(),
                            null,
                            event.publishedAt().toEpochMilli(),
                            RuleSetPublished.LEGACY_KEY,
                            (Object) event))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(ProblemType.KAFKA_UNAVAILABLE, "Kafka did not accept the change; try again.");
    }

    static ProblemException stale(long basedOn, long current) {
        return new ProblemException(
                        ProblemType.STALE_RULES_VERSION,
                        "The change is based on version " + basedOn + " but version " + current
                                + " is in force; GET the rules, apply your change again and PUT it with version "
                                + current + ".")
                .withProperty("currentVersion", current);
    }
}
