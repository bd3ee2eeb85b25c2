package news.comments.web.security;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The roles of a token: the gateway writes them to the {@value #CLAIM} claim, every hop reads them back
 * as {@code ROLE_<name>} authorities, so {@code hasRole("MODERATOR")} means the same everywhere.
 */
public final class Roles {

    public static final String CLAIM = "roles";

    public static final String MODERATOR = "MODERATOR";

    private Roles() {}

    /**
     * The {@link #CLAIM} claim as {@code ROLE_*} authorities. The services use it as it is; the gateway
     * wraps it in a {@code ReactiveJwtAuthenticationConverterAdapter}.
     */
    public static JwtAuthenticationConverter authenticationConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
