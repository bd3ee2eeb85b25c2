package news.comments.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The moderator account of the local stack. A password given in the environment wins; otherwise
 * one is made up at first start, kept owner-only in the data folder and reused afterwards.
 *
 * @param madeUp true when the password was generated (and so must be shown to the user)
 */
public record ModeratorCredentials(String username, String password, boolean madeUp) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static ModeratorCredentials resolve(String username, Optional<String> configuredPassword, Path passwordFile) {
        if (configuredPassword.isPresent()) {
            return new ModeratorCredentials(username, configuredPassword.get(), false);
        }
        if (Files.isRegularFile(passwordFile)) {
            String kept = OwnerOnlyFiles.read(passwordFile).strip();
            if (!kept.isEmpty()) {
                return new ModeratorCredentials(username, kept, true);
            }
        }
        String password = newPassword();
        OwnerOnlyFiles.write(passwordFile, password + "\n");
        return new ModeratorCredentials(username, password, true);
    }

    /** 144 random bits, URL-safe so it can be typed into a shell or a login form without quoting. */
    static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "ModeratorCredentials[username=" + username + ", password=***, madeUp=" + madeUp + "]";
    }
}
