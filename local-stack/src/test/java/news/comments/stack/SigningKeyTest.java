package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateCrtKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path keys;

    @Test
    void makesAnRsa2048Pkcs8PemKeyOnceAndKeepsIt() throws Exception {
        Path file = keys.resolve("jwt-signing-key.pem");
        SigningKey.ensure(file);
        String firstPem = Files.readString(file);
        SigningKey.ensure(file);

        assertThat(firstPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(file)).isEqualTo(firstPem);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) SigningKey.read(file);
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void keyFileIsReadableByTheOwnerOnly() throws Exception {
        assumeTrue(OwnerOnlyFiles.posix());
        Path file = SigningKey.ensure(keys.resolve("jwt-signing-key.pem"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void damagedKeyFileStopsTheStartWithAClearMessage() throws Exception {
        Path file = keys.resolve("jwt-signing-key.pem");
        Files.writeString(file, "not a key");

        assertThatThrownBy(() -> SigningKey.ensure(file)).hasMessageContaining("delete it to make a new one");
    }
}
