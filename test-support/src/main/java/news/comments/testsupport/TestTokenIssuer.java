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

    /** The audience the gateway writes and every service requires by default. */
    public static final String AUDIENCE = "comment-moderation-api";

    private static TestTokenIssuer shared;

    private final RSAKey key;
    private final RSAKey foreignKey;
    private final HttpServer server;

    private TestTokenIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            foreignKey = new RSAKeyGenerator(2048)
                    .keyID("foreign-" + UUID.randomUUID())
                    .generate();
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
        return sign(
                key,
                moderatorClaims(subject, roles, now, now.plus(Duration.ofHours(1)))
                        .build());
    }

    public String expiredToken() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(
                key,
                moderatorClaims("test-moderator", List.of("MODERATOR"), past, past.plus(Duration.ofMinutes(10)))
                        .build());
    }

    /** A moderator token whose {@code exp} passed {@code ago} before now (a small clock skew must not save it). */
    public String moderatorTokenExpiredFor(Duration ago) {
        Instant now = Instant.now();
        return sign(
                key,
                moderatorClaims(
                                "test-moderator",
                                List.of("MODERATOR"),
                                now.minus(Duration.ofMinutes(10)),
                                now.minus(ago))
                        .build());
    }

    /** A moderator token without {@code exp}: it would never expire. */
    public String moderatorTokenWithoutExpiry() {
        Instant now = Instant.now();
        return sign(
                key,
                moderatorClaims("test-moderator", List.of("MODERATOR"), now, now)
                        .expirationTime(null)
                        .build());
    }

    /** A moderator token without {@code iat}. */
    public String moderatorTokenWithoutIssuedAt() {
        Instant now = Instant.now();
        return sign(
                key,
                moderatorClaims("test-moderator", List.of("MODERATOR"), now, now.plus(Duration.ofMinutes(10)))
                        .issueTime(null)
                        .build());
    }

    /** A moderator token for another audience (another API of the same issuer). */
    public String moderatorTokenForAudience(String audience) {
        Instant now = Instant.now();
        return sign(
                key,
                moderatorClaims("test-moderator", List.of("MODERATOR"), now, now.plus(Duration.ofMinutes(10)))
                        .audience(audience)
                        .build());
    }

    /** A moderator token valid from now for {@code lifetime}. */
    public String moderatorTokenValidFor(Duration lifetime) {
        Instant now = Instant.now();
        return sign(
                key,
                moderatorClaims("test-moderator", List.of("MODERATOR"), now, now.plus(lifetime))
                        .build());
    }

    public String tokenSignedByAnotherKey() {
        Instant now = Instant.now();
        return sign(
                foreignKey,
                moderatorClaims("test-moderator", List.of("MODERATOR"), now, now.plus(Duration.ofHours(1)))
                        .build());
    }

    private static JWTClaimsSet.Builder moderatorClaims(
            String subject, List<String> roles, Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
