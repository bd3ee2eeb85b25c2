package news.comments.commentservice.config;

import news.comments.web.access.AccessRules;
import news.comments.web.access.ApiAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's part of {@link ApiAccess}: readers read, post and report comments; the moderation views
 * (and anything unlisted) need a moderator.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    AccessRules accessRules() {
        return ApiAccess.COMMENT_SERVICE;
    }
}
