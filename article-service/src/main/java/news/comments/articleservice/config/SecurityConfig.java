package news.comments.articleservice.config;

import news.comments.web.access.AccessRules;
import news.comments.web.access.ApiAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's part of {@link ApiAccess}: reading is open to everyone; creating, closing and reopening
 * threads (and anything unlisted) needs a moderator.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    AccessRules accessRules() {
        return ApiAccess.ARTICLE_SERVICE;
    }
}
