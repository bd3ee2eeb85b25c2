package news.comments.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * The claim checks on every token the gateway or a service accepts, each with its own settings: issuer,
 * audience, {@code exp} and {@code iat} present, not expired and not issued in the future beyond a small
 * clock skew, and no longer-lived than the maximum.
 */
public final class TokenChecks {

    private TokenChecks() {}

    public static OAuth2TokenValidator<Jwt> of(
            String issuer, String audience, Duration clockSkew, Duration maxTokenLifetime) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setAllowEmptyExpiryClaim(false); // a token without exp would never expire
        // Not JwtIssuedAtValidator: it also refuses a token issued more than the skew ago.
        JwtClaimValidator<Instant> issuedAt = new JwtClaimValidator<>(
                JwtClaimNames.IAT,
                iat -> iat != null && !iat.isAfter(Instant.now().plus(clockSkew)));
        return JwtValidators.createDefaultWithValidators(List.of(
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience),
                timestamps,
                issuedAt,
                maximumLifetime(maxTokenLifetime)));
    }

    /** exp - iat within {@code maximum}: a leaked long-lived token is refused even before it expires. */
    static OAuth2TokenValidator<Jwt> maximumLifetime(Duration maximum) {
        return jwt -> jwt.getIssuedAt() == null
                        || jwt.getExpiresAt() == null
                        || !jwt.getExpiresAt().isAfter(jwt.getIssuedAt().plus(maximum))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        OAuth2ErrorCodes.INVALID_TOKEN, "The token is valid for longer than " + maximum, null));
    }
}
