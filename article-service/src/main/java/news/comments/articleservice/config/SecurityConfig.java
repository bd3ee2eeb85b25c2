package news.comments.articleservice.config;

import news.comments.support.security.ModeratorEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Creating, closing and reopening threads needs a moderator; reading is open to everyone. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    ModeratorEndpoints moderatorEndpoints() {
        return ModeratorEndpoints.of(
                ModeratorEndpoints.endpoint(HttpMethod.POST, "/api/articles"),
                ModeratorEndpoints.endpoint(HttpMethod.POST, "/api/articles/*/close"),
                ModeratorEndpoints.endpoint(HttpMethod.POST, "/api/articles/*/reopen"));
    }
}
