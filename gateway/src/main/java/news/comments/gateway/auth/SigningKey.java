package news.comments.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The gateway's RSA signing key, with a key id derived from the public key (RFC 7638 thumbprint),
 * so the same key file always yields the same {@code kid}.
 */
public final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private final RSAKey rsaKey;

    private SigningKey(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        try {
            RSAKey withoutId = new RSAKey.Builder(publicKey).build();
            this.rsaKey = new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(withoutId.computeThumbprint().toString())
                    .build();
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot compute the key id of the signing key", ex);
        }
    }

    /** Loads the key at {@code location}, or makes an ephemeral one when no location is set. */
    public static SigningKey load(Resource location) {
        if (location == null) {
            log.warn("comments.auth.signing-key-location is not set: using an ephemeral RSA key. Tokens will not "
                    + "survive a restart and several gateway instances will not accept each other's tokens.");
            return generate();
        }
        try (InputStream in = location.getInputStream()) {
            RSAPrivateKey privateKey = RsaKeyConverters.pkcs8().convert(in);
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException("The signing key at " + location + " has no public part (CRT)");
            }
            RSAPublicKey publicKey = (RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new SigningKey(publicKey, privateKey);
        } catch (IOException | NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException ex) {
            throw new IllegalStateException("Cannot read the PKCS#8 PEM RSA signing key at " + location, ex);
        }
    }

    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("RSA is not available", ex);
        }
    }

    /** The private JWK, for signing. */
    public RSAKey rsaKey() {
        return this.rsaKey;
    }

    public RSAPublicKey publicKey() {
        try {
            return this.rsaKey.toRSAPublicKey();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String keyId() {
        return this.rsaKey.getKeyID();
    }
}
