package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModeratorCredentialsTest {

    @TempDir
    Path data;

    @Test
    void madeUpPasswordIsKeptAndReusedAtTheNextStart() {
        Path file = data.resolve("moderator-password");
        ModeratorCredentials first = ModeratorCredentials.resolve("moderator", Optional.empty(), file);
        ModeratorCredentials second = ModeratorCredentials.resolve("moderator", Optional.empty(), file);

        assertThat(first.madeUp()).isTrue();
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
        assertThat(second.password()).isEqualTo(first.password());
    }

    @Test
    void madeUpPasswordFileIsReadableByTheOwnerOnly() throws Exception {
        assumeTrue(OwnerOnlyFiles.posix());
        Path file = data.resolve("moderator-password");
        ModeratorCredentials.resolve("moderator", Optional.empty(), file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void passwordFromTheEnvironmentWinsAndIsNotWrittenDown() {
        Path file = data.resolve("moderator-password");
        ModeratorCredentials credentials = ModeratorCredentials.resolve("alice", Optional.of("s3cret-from-env"), file);

        assertThat(credentials.madeUp()).isFalse();
        assertThat(credentials.password()).isEqualTo("s3cret-from-env");
        assertThat(file).doesNotExist();
        assertThat(credentials.toString()).doesNotContain("s3cret-from-env");
    }

    @Test
    void everyMadeUpPasswordIsDifferent() {
        assertThat(ModeratorCredentials.newPassword()).isNotEqualTo(ModeratorCredentials.newPassword());
    }
}
