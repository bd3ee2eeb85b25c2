package news.comments.moderationservice.config;

import news.comments.support.json.StrictJsonAutoConfiguration;
import news.comments.support.security.ServiceSecurityAutoConfiguration;
import news.comments.support.web.ProblemDetailsAutoConfiguration;
import news.comments.testsupport.TestTokenIssuer;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * What a web slice of moderation-service adds to its controller: the service's own access rules, and
 * service-support's resource server, problem+json and strict JSON, which a {@code @WebMvcTest} does not load
 * by itself. Tokens are checked against the keys of test-support's real issuer, fetched over HTTP.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfig.class)
@ImportAutoConfiguration({
    ServiceSecurityAutoConfiguration.class,
    ProblemDetailsAutoConfiguration.class,
    StrictJsonAutoConfiguration.class
})
public class WebSliceConfig {

    @Bean
    DynamicPropertyRegistrar testTokenIssuerKeys() {
        return registry -> registry.add(
                "comments.security.jwk-set-uri", () -> TestTokenIssuer.shared().jwkSetUri());
    }
}
