package news.comments.moderationservice.ruleset;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends proposals with a producer of its own: the app's KafkaTemplate writes contract events only, and a
 * second template or producer factory bean would make Boot's back off.
 */
class KafkaRuleProposals implements RuleProposals, DisposableBean {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final DefaultKafkaProducerFactory<String, RuleSetProposal> producers;
    private final KafkaTemplate<String, RuleSetProposal> kafka;

    KafkaRuleProposals(Map<String, Object> producerConfig) {
        this.producers = new DefaultKafkaProducerFactory<>(
                producerConfig, new StringSerializer(), RulesTopology.PROPOSAL_SERDE.serializer());
        this.kafka = new KafkaTemplate<>(producers);
    }

    @Override
    public void send(RuleSetProposal proposal) {
        try {
            kafka.send(new ProducerRecord<>(
                            RulesTopology.PROPOSALS_TOPIC,
                            null,
                            proposal.proposedAt().toEpochMilli(),
                            proposal.proposalId().toString(),
                            proposal))
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

    @Override
    public void destroy() {
        producers.destroy();
    }
}
