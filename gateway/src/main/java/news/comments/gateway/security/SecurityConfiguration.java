package news.comments.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import news.comments.gateway.auth.AuthProperties;
import news.comments.gateway.auth.SigningKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
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
 * role. Under /api/ access is deny by default: moderator paths need the role with every method
 * (HEAD and OPTIONS included), reader calls are listed by method and path, anything else needs the
 * role too. Tokens are checked against the gateway's own public key (no HTTP call to itself):
 * signature, issuer, audience, {@code exp} and {@code iat} present, a small clock skew, a maximum
 * lifetime. The Authorization header is forwarded unchanged: each service checks the token again.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    static final String[] MODERATOR_PATHS = {
        "/api/articles/*/close", "/api/articles/*/reopen", "/api/moderation/**", "/api/comments/*/history"
    };

    /** What readers may GET (and HEAD). */
    static final String[] READER_READS = {
        "/api/articles",
        "/api/articles/*",
        "/api/articles/*/comments",
        "/api/articles/*/comments/stream",
        "/api/comments/*"
    };

    /** What readers may POST. */
    static final String[] READER_WRITES = {"/api/articles/*/comments", "/api/comments/*/reports"};

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder, ProblemSecurityHandlers problems) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        // Moderator paths first and for every method: no reader rule can open them.
                        .pathMatchers(MODERATOR_PATHS)
                        .hasRole("MODERATOR")
                        .pathMatchers(HttpMethod.GET, READER_READS)
                        .permitAll()
                        .pathMatchers(HttpMethod.HEAD, READER_READS)
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, READER_WRITES)
                        .permitAll()
                        .pathMatchers("/api/auth/token")
                        .permitAll() // the sign-in itself; other methods get 405
                        // Deny by default: any other call to the API (POST /api/articles among them) is a moderator's.
                        .pathMatchers("/api/**")
                        .hasRole("MODERATOR")
                        // The gateway's own public content: the web UI (news.comments.gateway.ui) and its assets,
                        // the JWK set and the health probes /livez and /readyz. Anything else there is a 404.
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY)))
                .build();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(
            SigningKey key,
            AuthProperties properties,
            @Value("${comments.auth.external-jwk-set-uri:}") String externalJwkSetUri) {
        // With an external OpenID Connect provider, tokens are checked against its key set instead.
        NimbusReactiveJwtDecoder decoder = StringUtils.hasText(externalJwkSetUri)
                ? NimbusReactiveJwtDecoder.withJwkSetUri(externalJwkSetUri)
                        .jwsAlgorithm(SignatureAlgorithm.RS256)
                        .build()
                : NimbusReactiveJwtDecoder.withPublicKey(key.publicKey())
                        .signatureAlgorithm(SignatureAlgorithm.RS256)
                        .build();
        decoder.setJwtValidator(tokenValidator(properties));
        return decoder;
    }

    /** The same claim checks as every service's (service-support TokenValidation), with the gateway's settings. */
    static OAuth2TokenValidator<Jwt> tokenValidator(AuthProperties properties) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false); // a token without exp would never expire
        Duration skew = properties.clockSkew();
        // Not JwtIssuedAtValidator: it also refuses a token issued more than the skew ago.
        JwtClaimValidator<Instant> issuedAt = new JwtClaimValidator<>(
                JwtClaimNames.IAT,
                iat -> iat != null && !iat.isAfter(Instant.now().plus(skew)));
        Duration maximum = properties.maxTokenLifetime();
        OAuth2TokenValidator<Jwt> maximumLifetime = jwt -> (jwt.getIssuedAt() == null
                        || jwt.getExpiresAt() == null
                        || !jwt.getExpiresAt().isAfter(jwt.getIssuedAt().plus(maximum)))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        OAuth2ErrorCodes.INVALID_TOKEN, "The token is valid for longer than " + maximum, null));
        return JwtValidators.createDefaultWithValidators(List.of(
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                timestamps,
                issuedAt,
                maximumLifetime));
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
