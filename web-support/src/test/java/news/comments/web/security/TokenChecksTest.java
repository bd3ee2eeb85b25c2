package news.comments.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenChecksTest {

    private static final Duration SKEW = Duration.ofSeconds(5);

    private static final Duration MAX_LIFETIME = Duration.ofHours(1);

    private final OAuth2TokenValidator<Jwt> checks = TokenChecks.of("issuer", "audience", SKEW, MAX_LIFETIME);

    private final Instant now = Instant.now();

    @Test
    void aTokenOfTheIssuerForTheAudienceWithinItsLifetimePasses() {
        assertThat(passes(token().build())).isTrue();
    }

    @Test
    void aTokenOfAnotherIssuerOrForAnotherAudienceIsRefused() {
        assertThat(passes(token().issuer("someone-else").build())).isFalse();
        assertThat(passes(token().audience(List.of("another-api")).build())).isFalse();
    }

    @Test
    void aTokenWithoutExpiryOrIssueTimeIsRefused() {
        assertThat(passes(token().claims(claims -> claims.remove("exp")).build()))
                .isFalse();
        assertThat(passes(token().claims(claims -> claims.remove("iat")).build()))
                .isFalse();
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheClockSkewIsPast() {
        assertThat(passes(token().issuedAt(now.minusSeconds(60))
                        .expiresAt(now.minusSeconds(2))
                        .build()))
                .isTrue();
        assertThat(passes(token().issuedAt(now.minusSeconds(60))
                        .expiresAt(now.minusSeconds(30))
                        .build()))
                .isFalse();
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheClockSkewIsRefused() {
        assertThat(passes(token().issuedAt(now.plusSeconds(60)).build())).isFalse();
    }

    @Test
    void aTokenValidForLongerThanTheMaximumIsRefusedBeforeItExpires() {
        assertThat(passes(
                        token().expiresAt(now.plus(MAX_LIFETIME).plusSeconds(1)).build()))
                .isFalse();
    }

    private boolean passes(Jwt token) {
        return !this.checks.validate(token).hasErrors();
    }

    private Jwt.Builder token() {
        return Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .issuer("issuer")
                .audience(List.of("audience"))
                .subject("moderator")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300));
    }
}
