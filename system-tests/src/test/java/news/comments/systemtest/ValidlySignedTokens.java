package news.comments.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import news.comments.systemtest.SharedStack.SystemUnderTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs tokens with the running stack's own key (read from its data folder), starting from the claims
 * of a real moderator token: the only way to prove that a token with a valid signature but wrong
 * claims (no expiry, another audience, too long a life) is refused for its claims.
 */
final class ValidlySignedTokens {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final Map<String, Object> header;
    private final Map<String, Object> claims;

    private ValidlySignedTokens(PrivateKey key, Map<String, Object> header, Map<String, Object> claims) {
        this.key = key;
        this.header = header;
        this.claims = claims;
    }

    static ValidlySignedTokens of(SystemUnderTest system, String realToken) {
        String[] parts = realToken.split("\\.");
        return new ValidlySignedTokens(
                readKey(system.stack().dataDirectory().resolve("keys").resolve("jwt-signing-key.pem")),
                decode(parts[0]),
                decode(parts[1]));
    }

    /** The real token's claims with these replaced; a {@code null} value removes the claim. */
    String sign(Map<String, Object> changes) {
        Map<String, Object> payload = new LinkedHashMap<>(claims);
        changes.forEach((name, value) -> {
            if (value == null) {
                payload.remove(name);
            } else {
                payload.put(name, value);
            }
        });
        String input = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + B64.encodeToString(JSON.writeValueAsBytes(payload));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(String part) {
        return JSON.readValue(Base64.getUrlDecoder().decode(part), LinkedHashMap.class);
    }

    private static PrivateKey readKey(Path pem) {
        try {
            String base64 =
                    Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the stack's signing key " + pem, e);
        }
    }
}
