package news.comments.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.util.StringUtils;

/**
 * Checks a moderator's user name and password. Only a BCrypt hash is kept in memory. An unknown
 * user costs the same BCrypt work as a wrong password (matched against a dummy hash of the same
 * cost), so the answer time does not tell which user names exist.
 */
public class ModeratorCredentials {

    private static final Logger log = LoggerFactory.getLogger(ModeratorCredentials.class);

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$(\\d\\d)\\$[./0-9A-Za-z]{53}$");

    private static final int DEFAULT_STRENGTH = 10;

    private final byte[] username;

    private final String passwordHash;

    private final BCryptPasswordEncoder encoder;

    private final String dummyHash;

    public ModeratorCredentials(AuthProperties.Moderator moderator) {
        this.username = moderator.username().getBytes(StandardCharsets.UTF_8);
        boolean hasPassword = StringUtils.hasLength(moderator.password());
        boolean hasHash = StringUtils.hasText(moderator.passwordHash());
        int strength = DEFAULT_STRENGTH;
        if (hasHash) {
            var matcher = BCRYPT.matcher(moderator.passwordHash().trim());
            if (!matcher.matches()) {
                throw new IllegalStateException("comments.auth.moderator.password-hash is not a BCrypt hash");
            }
            strength = Integer.parseInt(matcher.group(1));
            if (hasPassword) {
                log.warn("Both comments.auth.moderator.password and password-hash are set: using password-hash.");
            }
        }
        this.encoder = new BCryptPasswordEncoder(strength);
        if (hasHash) {
            this.passwordHash = moderator.passwordHash().trim();
        } else if (hasPassword) {
            this.passwordHash = this.encoder.encode(moderator.password());
        } else {
            this.passwordHash = null;
            log.warn("No moderator password is configured (MODERATOR_PASSWORD or MODERATOR_PASSWORD_HASH): "
                    + "no moderator can sign in.");
        }
        this.dummyHash = this.encoder.encode(randomSecret());
    }

    /** The user name when the credentials are right. Blocking: BCrypt is deliberately slow. */
    public Optional<String> authenticate(String username, String password) {
        boolean knownUser = MessageDigest.isEqual(this.username, username.getBytes(StandardCharsets.UTF_8))
                && this.passwordHash != null;
        boolean passwordMatches = this.encoder.matches(password, knownUser ? this.passwordHash : this.dummyHash);
        return (knownUser && passwordMatches) ? Optional.of(username) : Optional.empty();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
