package news.comments.moderationservice.config;

import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.moderationservice.rules.RuleSetSource;
import news.comments.moderationservice.rules.RulesEngine;
import news.comments.support.security.ModeratorEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The rules, their source and who may see them. */
@Configuration(proxyBeanMethods = false)
public class ModerationConfig {

    @Bean
    RulesEngine rulesEngine() {
        return RulesEngine.standard();
    }

    /** Fixed by configuration for now; a topic-backed source replaces this bean when rules become editable. */
    @Bean
    RuleSetSource ruleSetSource(ModerationProperties properties) {
        RuleSet configured = properties.rules().toRuleSet();
        return () -> configured;
    }

    @Bean
    ModerationSettings moderationSettings(ModerationProperties properties) {
        return properties.settings();
    }

    /** Everything under /api/moderation is for moderators only. */
    @Bean
    ModeratorEndpoints moderatorEndpoints() {
        return ModeratorEndpoints.of(
                ModeratorEndpoints.endpoint(HttpMethod.GET, "/api/moderation/**"),
                ModeratorEndpoints.endpoint(HttpMethod.POST, "/api/moderation/**"),
                ModeratorEndpoints.endpoint(HttpMethod.PUT, "/api/moderation/**"),
                ModeratorEndpoints.endpoint(HttpMethod.DELETE, "/api/moderation/**"));
    }
}
