package news.comments.articleservice.config;

import news.comments.support.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Reading is open to everyone; creating, closing and reopening threads (and anything unlisted) needs a moderator. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    AccessRules accessRules() {
        return AccessRules.moderatorOnly("/api/articles/*/close", "/api/articles/*/reopen")
                .readers(HttpMethod.GET, "/api/articles", "/api/articles/*");
    }
}
