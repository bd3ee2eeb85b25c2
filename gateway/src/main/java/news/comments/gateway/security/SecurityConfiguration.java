package news.comments.gateway.security;

import news.comments.gateway.auth.AuthProperties;
import news.comments.gateway.auth.SigningKey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.util.StringUtils;

/**
 * Stateless bearer-token security. Readers need no login; the moderator calls need the MODERATOR
 * role. Tokens are checked against the gateway's own public key (no HTTP call to itself). The
 * Authorization header is forwarded unchanged: each service checks the token again.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			ProblemSecurityHandlers problems) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.authorizeExchange(exchanges -> exchanges
				.pathMatchers(HttpMethod.POST, "/api/articles").hasRole("MODERATOR")
				.pathMatchers("/api/articles/*/close", "/api/articles/*/reopen").hasRole("MODERATOR")
				.pathMatchers("/api/moderation/**").hasRole("MODERATOR")
				.pathMatchers("/api/comments/*/history").hasRole("MODERATOR")
				// The web UI (news.comments.gateway.ui): pages and their assets are public; their API calls are checked as above.
				.pathMatchers(HttpMethod.GET, "/", "/articles/*", "/moderation", "/assets/**", "/favicon.ico").permitAll()
				.anyExchange().permitAll())
			.oauth2ResourceServer(resourceServer -> resourceServer
				.jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(authenticationConverter()))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY)))
			.build();
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(SigningKey key, AuthProperties properties,
			@Value("${comments.auth.external-jwk-set-uri:}") String externalJwkSetUri) {
		// With an external OpenID Connect provider, tokens are checked against its key set instead.
		NimbusReactiveJwtDecoder decoder = StringUtils.hasText(externalJwkSetUri)
				? NimbusReactiveJwtDecoder.withJwkSetUri(externalJwkSetUri).jwsAlgorithm(SignatureAlgorithm.RS256).build()
				: NimbusReactiveJwtDecoder.withPublicKey(key.publicKey()).signatureAlgorithm(SignatureAlgorithm.RS256).build();
		OAuth2TokenValidator<Jwt> requireExpiry = new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.issuer()), requireExpiry));
		return decoder;
	}

	private static ReactiveJwtAuthenticationConverterAdapter authenticationConverter() {
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName("roles");
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(roles);
		return new ReactiveJwtAuthenticationConverterAdapter(converter);
	}

}
