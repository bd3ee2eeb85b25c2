package news.comments.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The gateway's JWT signing key: RSA 2048, PKCS#8 PEM, made once and kept owner-only so tokens stay
 * valid across restarts.
 */
final class SigningKey {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private SigningKey() {}

    /** Returns the key file, creating it when missing. */
    static Path ensure(Path file) {
        if (Files.isRegularFile(file)) {
            read(file); // fail early on a damaged key, not in the gateway
            return file;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            OwnerOnlyFiles.write(file, toPem(key.getEncoded()));
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make an RSA signing key", e);
        }
    }

    static String toPem(byte[] pkcs8) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8);
        return BEGIN + "\n" + base64 + "\n" + END + "\n";
    }

    static PrivateKey read(Path file) {
        String pem = OwnerOnlyFiles.read(file);
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " is not a PKCS#8 PEM private key; delete it to make a new one");
        }
        String base64 = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a valid RSA key; delete it to make a new one", e);
        }
    }
}
