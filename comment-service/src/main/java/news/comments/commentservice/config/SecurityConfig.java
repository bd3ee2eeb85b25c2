package news.comments.commentservice.config;

import news.comments.support.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Readers read, post and report comments; the moderation views (and anything unlisted) need a moderator. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    AccessRules accessRules() {
        return AccessRules.moderatorOnly("/api/comments/*/history", "/api/moderation/**")
                .readers(
                        HttpMethod.GET,
                        "/api/articles/*/comments",
                        "/api/articles/*/comments/stream",
                        "/api/comments/*")
                .readers(HttpMethod.POST, "/api/articles/*/comments", "/api/comments/*/reports");
    }
}
