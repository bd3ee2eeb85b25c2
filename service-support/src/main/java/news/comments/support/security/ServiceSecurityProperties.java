package news.comments.support.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwkSetUri        where the token issuer (the gateway) publishes its public keys
 * @param issuer           the {@code iss} every accepted token must carry
 * @param audience         a value the {@code aud} of every accepted token must contain
 * @param clockSkew        how far the clocks of issuer and service may differ when {@code exp}, {@code nbf}
 *                         and {@code iat} are checked
 * @param maxTokenLifetime the longest {@code exp - iat} accepted
 */
@ConfigurationProperties("comments.security")
public record ServiceSecurityProperties(
        String jwkSetUri, String issuer, String audience, Duration clockSkew, Duration maxTokenLifetime) {

    public static final String DEFAULT_AUDIENCE = "comment-moderation-api";

    public ServiceSecurityProperties {
        jwkSetUri =
                jwkSetUri == null || jwkSetUri.isBlank() ? "http://localhost:8080/.well-known/jwks.json" : jwkSetUri;
        issuer = issuer == null || issuer.isBlank() ? "comment-moderation" : issuer;
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
        clockSkew = clockSkew == null ? Duration.ofSeconds(5) : clockSkew;
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofHours(1) : maxTokenLifetime;
        if (clockSkew.isNegative() || maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
            throw new IllegalArgumentException("comments.security.clock-skew must be >= 0 and max-token-lifetime > 0");
        }
    }
}
