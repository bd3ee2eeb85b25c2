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
 * A private copy of the four service jars laid out as {@code <module>/target/<module>.jar} (the folder is
 * also the services' working directory).
 * The jars in the work tree may be rebuilt while a benchmark runs; the copy is not.
 */
final class JarSnapshot {

    static final List<String> SERVICES = List.of("article-service", "comment-service", "moderation-service", "gateway");

    private JarSnapshot() {}

    /**
     * Copies the jars from a repository ({@code <module>/target/<module>.jar}) or from a folder that holds
     * the four {@code <module>.jar}, and returns, per jar, "name (size, built at)" for the report.
     */
    static List<String> take(Path source, Path snapshot) {
        List<String> described = new ArrayList<>();
        for (String module : SERVICES) {
            Path built = source.resolve(module).resolve("target").resolve(module + ".jar");
            Path jar = Files.isRegularFile(built) ? built : source.resolve(module + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No " + built + " nor " + jar + ": build the services first "
                        + "(./mvnw -B -ntp -q -DskipTests package)");
            }
            Path target = snapshot.resolve(module).resolve("target").resolve(module + ".jar");
            copyWhole(jar, target);
            try {
                described.add(module + ".jar (" + Files.size(target) / 1024 / 1024 + " MiB, built "
                        + Files.getLastModifiedTime(jar).toInstant().toString().substring(0, 19) + "Z)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return described;
    }

    /** The snapshot's jar of a module. */
    static Path jar(Path snapshot, String module) {
        return snapshot.resolve(module).resolve("target").resolve(module + ".jar");
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
                throw new UncheckedIOException(
                        "Cannot copy a whole " + source + " at " + Instant.now(),
                        failure != null ? failure : new IOException("no manifest"));
            }
            GatewayApi.sleep(2_000);
        }
    }
}
