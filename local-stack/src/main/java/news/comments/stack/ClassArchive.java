package news.comments.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * An opt-in quicker start (COMMENTS_SERVICE_ARCHIVES): a service runs from its extracted jar with the
 * class-data archive that {@code benchmarks/startup.sh archives} trained there ({@code <archives>/<service>/}):
 * the CDS archive {@code app17.jsa} on JDK 17-24, the AOT cache {@code app25.aot} on JDK 25 and later.
 * Without an archive for the running JDK, or when the service's jar is newer than the extracted one (the
 * extraction keeps the jar's modification time; a rebuilt jar means the extracted one is old code), the
 * service runs from its jar as usual. A JVM that cannot use an
 * archive (another JDK build) runs without it.
 */
final class ClassArchive {

    private ClassArchive() {}

    /** The JVM arguments that name what to run: {@code -jar <jar>}, after the archive's option if one fits. */
    static List<String> launchArguments(
            Service service, Path repositoryDirectory, Path archives, int javaFeature, Consumer<String> notes) {
        Path builtJar = service.jar(repositoryDirectory);
        List<String> plain = List.of("-jar", builtJar.toString());
        if (archives == null) {
            return plain;
        }
        Path folder = archives.resolve(service.moduleName());
        Path extractedJar = folder.resolve(service.moduleName() + ".jar");
        Path archive = folder.resolve(javaFeature >= 25 ? "app25.aot" : "app17.jsa");
        if (!Files.isRegularFile(extractedJar) || !Files.isRegularFile(archive)) {
            notes.accept(service.moduleName() + ": no " + archive + "; starting from its jar (make it with"
                    + " benchmarks/startup.sh archives)");
            return plain;
        }
        if (modified(builtJar) > modified(extractedJar)) {
            notes.accept(service.moduleName() + ": " + builtJar + " is newer than the archive in " + folder
                    + "; starting from the jar (run benchmarks/startup.sh archives again)");
            return plain;
        }
        String option = javaFeature >= 25 ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive;
        return List.of(option, "-jar", extractedJar.toString());
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
