package news.comments.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwkSetUri where the token issuer (the gateway) publishes its public keys
 * @param issuer    the {@code iss} every accepted token must carry
 */
@ConfigurationProperties("comments.security")
public record ServiceSecurityProperties(String jwkSetUri, String issuer) {

    public ServiceSecurityProperties {
        jwkSetUri = jwkSetUri == null || jwkSetUri.isBlank() ? "http://localhost:8080/.well-known/jwks.json" : jwkSetUri;
        issuer = issuer == null || issuer.isBlank() ? "comment-moderation" : issuer;
    }
}
