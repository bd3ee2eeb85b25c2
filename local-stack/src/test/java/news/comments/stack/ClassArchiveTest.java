package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    @TempDir
    Path repository;

    private final List<String> notes = new ArrayList<>();
    private Path builtJar;
    private Path archives;
    private Path extracted;

    @BeforeEach
    void builtJar() throws IOException {
        builtJar = repository.resolve("comment-service/target/comment-service.jar");
        Files.createDirectories(builtJar.getParent());
        Files.writeString(builtJar, "jar");
        Files.setLastModifiedTime(builtJar, FileTime.from(Instant.parse("2026-01-01T10:00:00Z")));
        archives = repository.resolve("benchmarks/target/startup/archives");
        extracted = archives.resolve("comment-service");
    }

    @Test
    void withoutArchivesTheServiceRunsFromItsJar() {
        assertThat(ClassArchive.launchArguments(Service.COMMENT, repository, null, 17, notes::add))
                .containsExactly("-jar", builtJar.toString());
        assertThat(notes).isEmpty();
    }

    @Test
    void onJdk17TheExtractedJarRunsWithTheCdsArchive() throws IOException {
        extract("2026-01-01T10:05:00Z", "app17.jsa", "app25.aot");

        assertThat(ClassArchive.launchArguments(Service.COMMENT, repository, archives, 17, notes::add))
                .containsExactly(
                        "-XX:SharedArchiveFile=" + extracted.resolve("app17.jsa"),
                        "-jar",
                        extracted.resolve("comment-service.jar").toString());
    }

    @Test
    void onJdk25TheExtractedJarRunsWithTheAotCache() throws IOException {
        extract("2026-01-01T10:05:00Z", "app17.jsa", "app25.aot");

        assertThat(ClassArchive.launchArguments(Service.COMMENT, repository, archives, 25, notes::add))
                .containsExactly(
                        "-XX:AOTCache=" + extracted.resolve("app25.aot"),
                        "-jar",
                        extracted.resolve("comment-service.jar").toString());
    }

    @Test
    void aJarBuiltAfterTheExtractionRunsAsBuiltAndSaysWhy() throws IOException {
        extract("2026-01-01T09:55:00Z", "app17.jsa");

        assertThat(ClassArchive.launchArguments(Service.COMMENT, repository, archives, 17, notes::add))
                .containsExactly("-jar", builtJar.toString());
        assertThat(notes).singleElement().asString().contains("newer than the archive");
    }

    @Test
    void noArchiveForThisJdkRunsTheJarAndSaysWhy() throws IOException {
        extract("2026-01-01T10:05:00Z", "app17.jsa");

        assertThat(ClassArchive.launchArguments(Service.COMMENT, repository, archives, 25, notes::add))
                .containsExactly("-jar", builtJar.toString());
        assertThat(notes).singleElement().asString().contains("app25.aot");
    }

    private void extract(String when, String... archiveFiles) throws IOException {
        Files.createDirectories(extracted);
        Path jar = Files.writeString(extracted.resolve("comment-service.jar"), "extracted");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse(when)));
        for (String archive : archiveFiles) {
            Files.writeString(extracted.resolve(archive), "archive");
        }
    }
}
