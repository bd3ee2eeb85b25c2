package news.comments.moderationservice.config;

import news.comments.web.access.AccessRules;
import news.comments.web.access.ApiAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's part of {@link ApiAccess}: everything under /api/moderation is for moderators only, with any
 * method; nothing here is for readers.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    AccessRules accessRules() {
        return ApiAccess.MODERATION_SERVICE;
    }
}
