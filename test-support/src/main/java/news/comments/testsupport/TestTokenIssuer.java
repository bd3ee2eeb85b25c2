package news.comments.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A real token issuer for tests: an RSA key whose public half is served as a JWK set over HTTP on
 * 127.0.0.1, and RS256 tokens shaped like the gateway's. Services under test fetch the keys over the
 * network exactly as they do from the gateway in production.
 */
public final class TestTokenIssuer {

    public static final String ISSUER = "comment-moderation";

    private static TestTokenIssuer shared;

    private final RSAKey key;
    private final RSAKey foreignKey;
    private final HttpServer server;

    private TestTokenIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            foreignKey = new RSAKeyGenerator(2048).keyID("foreign-" + UUID.randomUUID()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
    }

    /** One issuer for the whole test JVM. */
    public static synchronized TestTokenIssuer shared() {
        if (shared == null) {
            shared = new TestTokenIssuer();
        }
        return shared;
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public String moderatorToken() {
        return token("test-moderator", List.of("MODERATOR"));
    }

    public String token(String subject, List<String> roles) {
        Instant now = Instant.now();
        return sign(key, subject, roles, now, now.plus(Duration.ofHours(1)));
    }

    public String expiredToken() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(key, "test-moderator", List.of("MODERATOR"), past, past.plus(Duration.ofMinutes(10)));
    }

    public String tokenSignedByAnotherKey() {
        Instant now = Instant.now();
        return sign(foreignKey, "test-moderator", List.of("MODERATOR"), now, now.plus(Duration.ofHours(1)));
    }

    private static String sign(RSAKey signingKey, String subject, List<String> roles, Instant issuedAt, Instant expiresAt) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
