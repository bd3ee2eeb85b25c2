package news.comments.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * A private copy of the four service jars laid out as {@code <module>/target/<module>.jar}, which is
 * all LocalStack resolves under its repository directory (it is also the services' working directory).
 * The jars in the work tree may be rebuilt while a benchmark runs; the copy is not.
 */
final class JarSnapshot {

    static final List<String> SERVICES = List.of("article-service", "comment-service", "moderation-service", "gateway");

    private JarSnapshot() {
    }

    /** Copies the jars and returns, per jar, "name (size, built at)" for the report. */
    static List<String> take(Path repository, Path snapshot) {
        List<String> described = new ArrayList<>();
        for (String module : SERVICES) {
            Path source = repository.resolve(module).resolve("target").resolve(module + ".jar");
            Path target = snapshot.resolve(module).resolve("target").resolve(module + ".jar");
            copyWhole(source, target);
            try {
                described.add(module + ".jar (" + Files.size(target) / 1024 / 1024 + " MiB, built "
                        + Files.getLastModifiedTime(source).toInstant().toString().substring(0, 19) + "Z)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return described;
    }

    /** A jar being rewritten at the moment of the copy is caught by opening it; then try again. */
    private static void copyWhole(Path source, Path target) {
        for (int attempt = 1; ; attempt++) {
            IOException failure = null;
            try {
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                try (ZipFile zip = new ZipFile(target.toFile())) {
                    if (zip.size() > 0 && zip.getEntry("META-INF/MANIFEST.MF") != null) {
                        return;
                    }
                }
            } catch (IOException incomplete) {
                failure = incomplete;
            }
            if (attempt >= 30) {
                throw new UncheckedIOException("Cannot copy a whole " + source + " at " + Instant.now(),
                        failure != null ? failure : new IOException("no manifest"));
            }
            GatewayApi.sleep(2_000);
        }
    }
}
