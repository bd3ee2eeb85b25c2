package news.comments.moderationservice.ruleset;

import java.time.Clock;
import java.time.Duration;
import news.comments.events.Topics;
import news.comments.moderationservice.config.ModerationProperties;
import news.comments.support.kafka.KafkaTopicProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.TopicBuilder;

/** The rule set versions: where they are held, how a change is proposed, and the proposals topic. */
@Configuration(proxyBeanMethods = false)
public class RulesConfig {

    /** How long a PUT waits for its version to arrive on this instance. */
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    /** The rule set in force: application.yml's defaults until a higher version is on moderation.rules.v1. */
    @Bean
    RuleVersions ruleVersions(ModerationProperties properties, StreamsBuilderFactoryBean streams) {
        return new RuleVersions(properties.rules().toRuleSet(), new StreamsRuleVersionStore(streams));
    }

    @Bean
    KafkaRuleProposals ruleProposals(KafkaProperties kafka) {
        return new KafkaRuleProposals(kafka.buildProducerProperties());
    }

    @Bean
    RuleSetProposer ruleSetProposer(RuleVersions versions, RuleProposals proposals, Clock clock) {
        return new RuleSetProposer(versions, proposals, clock, CONFIRM_TIMEOUT);
    }

    /** One partition: proposals are decided one at a time, in order. Kept a week, long enough to investigate. */
    @Bean
    NewTopic ruleProposalsTopic(KafkaTopicProperties topics) {
        return TopicBuilder.name(RulesTopology.PROPOSALS_TOPIC)
                .partitions(1)
                .replicas(topics.replicationFactor())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(Duration.ofDays(7).toMillis()))
                .build();
    }

    /** Where the app's deserialization handler parks a proposal it cannot read. */
    @Bean
    NewTopic ruleProposalsDeadLetterTopic(KafkaTopicProperties topics) {
        return TopicBuilder.name(RulesTopology.PROPOSALS_TOPIC + Topics.DEAD_LETTER_SUFFIX)
                .partitions(1)
                .replicas(topics.replicationFactor())
                .build();
    }
}
