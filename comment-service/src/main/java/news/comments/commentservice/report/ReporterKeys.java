package news.comments.commentservice.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns who reported into a reporter key: HMAC-SHA256 under the database's own secret of the comment and
 * the reporter, so no address is stored, a stored key cannot be reversed by trying every address, and the
 * keys of one reader on two comments cannot be linked (only distinctness within a comment matters).
 */
@Component
class ReporterKeys {

    private static final String ALGORITHM = "HmacSHA256";

    private final JdbcClient jdbc;
    private volatile SecretKeySpec secret;

    ReporterKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String keyOf(UUID commentId, Reporter reporter) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret());
            byte[] digest = mac.doFinal((commentId + "\n" + reporter.canonical()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec secret() {
        SecretKeySpec current = secret;
        if (current == null) {
            String value = jdbc.sql("SELECT secret FROM reporter_secret WHERE id = 1")
                    .query(String.class)
                    .single();
            current = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM);
            secret = current;
        }
        return current;
    }
}
