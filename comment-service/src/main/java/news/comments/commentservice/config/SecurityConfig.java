package news.comments.commentservice.config;

import news.comments.support.security.ModeratorEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Everything is open to readers except the moderation views. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    ModeratorEndpoints moderatorEndpoints() {
        return ModeratorEndpoints.of(
                ModeratorEndpoints.endpoint(HttpMethod.GET, "/api/comments/*/history"),
                ModeratorEndpoints.endpoint(HttpMethod.GET, "/api/moderation/queue"));
    }
}
