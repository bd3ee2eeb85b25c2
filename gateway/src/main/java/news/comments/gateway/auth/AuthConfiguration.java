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
		return new TokenIssuer(key, properties.issuer(), properties.tokenLifetime(), Clock.systemUTC());
	}

}
