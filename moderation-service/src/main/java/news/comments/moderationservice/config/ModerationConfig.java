package news.comments.moderationservice.config;

import java.time.Clock;
import java.time.Duration;
import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.moderation.ModerationTopology;
import news.comments.moderationservice.rules.RulesEngine;
import news.comments.moderationservice.rules.TextNormalizer;
import news.comments.support.kafka.KafkaTopicProperties;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The rules engine and settings; the rule set versions are ruleset/RulesConfig, access {@link SecurityConfig}. */
@Configuration(proxyBeanMethods = false)
public class ModerationConfig {

    @Bean
    RulesEngine rulesEngine() {
        TextNormalizer.load(); // the Unicode data takes about a second: at start, not on the first comment
        return RulesEngine.standard();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ModerationSettings moderationSettings(ModerationProperties properties) {
        return properties.settings();
    }

    /**
     * moderation-service's own topic of moderators' decision requests, keyed by article like the topology's other
     * inputs (so the same partition count), and its dead-letter topic. A request is published within moments; a
     * week covers any outage.
     */
    @Bean
    KafkaAdmin.NewTopics moderatorDecisionsTopics(KafkaTopicProperties topics) {
        String name = ModerationTopology.MODERATOR_DECISIONS_TOPIC;
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(name)
                        .partitions(topics.partitions())
                        .replicas(topics.replicationFactor())
                        .config(
                                TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(Duration.ofDays(7).toMillis()))
                        .build(),
                TopicBuilder.name(name + ".DLT")
                        .partitions(topics.partitions())
                        .replicas(topics.replicationFactor())
                        .build());
    }
}
