package news.comments.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RolesTest {

    @Test
    void theRolesClaimBecomesRoleAuthorities() {
        Jwt token = token().claim(Roles.CLAIM, List.of(Roles.MODERATOR)).build();

        assertThat(Roles.authenticationConverter().convert(token).getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_MODERATOR");
    }

    @Test
    void aTokenWithoutTheRolesClaimHasNoRole() {
        Jwt token = token().claim("scope", "MODERATOR").build();

        assertThat(Roles.authenticationConverter().convert(token).getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .noneMatch(authority -> authority.startsWith("ROLE_"));
    }

    @Test
    void theAuthenticationIsNamedAfterTheSubject() {
        Jwt token = token().claim(Roles.CLAIM, List.of(Roles.MODERATOR)).build();

        assertThat(Roles.authenticationConverter().convert(token).getName()).isEqualTo("moderator");
    }

    private static Jwt.Builder token() {
        Instant now = Instant.now();
        return Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject("moderator")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(60));
    }
}
