package news.comments.moderationservice.config;

import java.time.Clock;
import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.moderation.ModerationTopology;
import news.comments.moderationservice.rules.RulesEngine;
import news.comments.moderationservice.rules.TextNormalizer;
import news.comments.support.kafka.KafkaTopicProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

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

    /** moderation-service's own compacted index of comment id -> article (read whole by every instance). */
    @Bean
    NewTopic commentIndexTopic(KafkaTopicProperties topics) {
        return TopicBuilder.name(ModerationTopology.COMMENT_INDEX_TOPIC)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }
}
