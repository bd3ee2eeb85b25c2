package news.comments.gateway.security;

import news.comments.gateway.auth.AuthProperties;
import news.comments.gateway.auth.SigningKey;
import news.comments.web.access.AccessRules;
import news.comments.web.access.ApiAccess;
import news.comments.web.security.Roles;
import news.comments.web.security.TokenChecks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.util.StringUtils;

/**
 * Stateless bearer-token security. Readers need no login; the moderator calls need the MODERATOR
 * role. Under /api/ access is deny by default: moderator paths need the role with every method
 * (HEAD and OPTIONS included), reader calls are listed by method and path, anything else needs the
 * role too; the table is {@link ApiAccess}, which each service applies again to its own part. Tokens are checked against the gateway's own public key (no HTTP call to itself):
 * signature, issuer, audience, {@code exp} and {@code iat} present, a small clock skew, a maximum
 * lifetime. The Authorization header is forwarded unchanged: each service checks the token again.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder, ProblemSecurityHandlers problems) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> {
                    AccessRules api = ApiAccess.ALL_SERVICES;
                    // Moderator paths first and for every method: no reader rule can open them.
                    exchanges
                            .pathMatchers(api.moderatorPaths().toArray(String[]::new))
                            .hasRole(Roles.MODERATOR);
                    for (AccessRules.ReaderEndpoint endpoint : api.readerEndpoints()) {
                        exchanges
                                .pathMatchers(endpoint.method(), endpoint.pattern())
                                .permitAll();
                    }
                    // The sign-in itself, the gateway's own; other methods get 405.
                    exchanges.pathMatchers("/api/auth/token").permitAll();
                    // Deny by default: any other call to the API (POST /api/articles among them) is a moderator's.
                    exchanges.pathMatchers("/api/**").hasRole(Roles.MODERATOR);
                    // The gateway's own public content: the web UI (news.comments.gateway.ui) and its assets,
                    // the JWK set and the health probes /livez and /readyz. Anything else there is a 404.
                    exchanges.anyExchange().permitAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder)
                                .jwtAuthenticationConverter(
                                        new ReactiveJwtAuthenticationConverterAdapter(Roles.authenticationConverter())))
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
        decoder.setJwtValidator(TokenChecks.of(
                properties.issuer(), properties.audience(), properties.clockSkew(), properties.maxTokenLifetime()));
        return decoder;
    }
}
