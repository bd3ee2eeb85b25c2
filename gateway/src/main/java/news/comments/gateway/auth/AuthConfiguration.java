package news.comments.gateway.auth;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the signing key, the moderator account and the token issuer. */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

    @Bean
    SigningKey signingKey(AuthProperties properties) {
        return SigningKey.load(properties.signingKeyLocation());
    }

    @Bean
    ModeratorCredentials moderatorCredentials(AuthProperties properties) {
        return new ModeratorCredentials(properties.moderator());
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKey key, AuthProperties properties) {
        if (properties.tokenLifetime().compareTo(properties.maxTokenLifetime()) > 0) {
            // The gateway and every service would refuse the tokens it issues.
            throw new IllegalStateException("comments.auth.token-lifetime (" + properties.tokenLifetime()
                    + ") is longer than comments.auth.max-token-lifetime (" + properties.maxTokenLifetime() + ")");
        }
        return new TokenIssuer(
                key, properties.issuer(), properties.audience(), properties.tokenLifetime(), Clock.systemUTC());
    }
}
