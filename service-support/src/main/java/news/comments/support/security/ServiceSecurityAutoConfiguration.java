package news.comments.support.security;

import jakarta.servlet.DispatcherType;
import news.comments.web.access.AccessRules;
import news.comments.web.security.Roles;
import news.comments.web.security.TokenChecks;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is an OAuth2 resource server: it checks the gateway's signed tokens itself (keys from
 * the JWK set, then {@link TokenChecks}: issuer, audience, expiry, lifetime) and applies the
 * {@link AccessRules} bean it declares: reader endpoints need no token, everything else the MODERATOR role.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceSecurityProperties.class)
public class ServiceSecurityAutoConfiguration {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /** Health and metrics: open on the service's own port, which is never published (see README, "Security model"). */
    static final AccessRules OPERATIONS = AccessRules.moderatorOnly()
            .readers(
                    HttpMethod.GET,
                    "/actuator/health",
                    "/actuator/health/**",
                    "/actuator/info",
                    "/actuator/prometheus");

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(ServiceSecurityProperties properties) {
        // The key set is fetched on the first token and cached, so a service starts without the gateway.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(TokenChecks.of(
                properties.issuer(), properties.audience(), properties.clockSkew(), properties.maxTokenLifetime()));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    AccessRules accessRules() {
        return AccessRules.moderatorOnly(); // nothing open but health and metrics
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain serviceSecurityFilterChain(HttpSecurity http, AccessRules accessRules, JsonMapper jsonMapper)
            throws Exception {
        var problems = new ProblemSecurityHandlers(jsonMapper);

        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens only, no cookies to forge
                // JSON only: nothing here may be framed, run scripts or be sniffed as another type.
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    // An error page or the async part of a call was authorized with the call itself.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                            .permitAll();
                    // Moderator paths first and for every method: no reader rule can open them.
                    for (String path : accessRules.moderatorPaths()) {
                        requests.requestMatchers(path).hasRole(Roles.MODERATOR);
                    }
                    for (AccessRules.ReaderEndpoint endpoint :
                            accessRules.and(OPERATIONS).readerEndpoints()) {
                        requests.requestMatchers(endpoint.method(), endpoint.pattern())
                                .permitAll();
                    }
                    requests.anyRequest().hasRole(Roles.MODERATOR); // deny by default
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(Roles.authenticationConverter()))
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()));
        return http.build();
    }
}
