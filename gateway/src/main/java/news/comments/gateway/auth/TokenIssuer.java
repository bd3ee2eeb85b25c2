package news.comments.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import news.comments.web.security.Roles;

/** Signs RS256 access tokens for authenticated moderators. */
public class TokenIssuer {

    private final SigningKey key;

    private final RSASSASigner signer;

    private final String issuer;

    private final String audience;

    private final Duration lifetime;

    private final Clock clock;

    public TokenIssuer(SigningKey key, String issuer, String audience, Duration lifetime, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.clock = clock;
        try {
            this.signer = new RSASSASigner(key.rsaKey());
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot sign with the configured key", ex);
        }
    }

    public IssuedToken issue(String subject, List<String> roles) {
        Instant now = this.clock.instant();
        Instant expiresAt = now.plus(this.lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(this.issuer)
                .audience(this.audience)
                .subject(subject)
                .claim(Roles.CLAIM, roles)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(this.key.keyId())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(this.signer);
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot sign the token", ex);
        }
        return new IssuedToken(jwt.serialize(), this.lifetime.toSeconds());
    }

    public record IssuedToken(String value, long expiresInSeconds) {}
}
