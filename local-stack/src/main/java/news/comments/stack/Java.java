package news.comments.stack;

import java.io.File;
import java.nio.file.Path;

/** How to start another JVM like this one. */
final class Java {

    private Java() {}

    static String executable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path java = bin.resolve(System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        return java.toString();
    }

    /**
     * The class path of this launcher, which carries the Kafka broker jars: local-stack.jar and lib/*
     * as run-local.sh starts it (the launcher expands the wildcard), or the test runner's.
     */
    static String classPath() {
        String classPath = System.getProperty("java.class.path");
        if (classPath == null || classPath.isBlank()) {
            throw new IllegalStateException("No java.class.path: cannot start the Kafka broker");
        }
        // Absolute entries, because the child runs in another working directory.
        StringBuilder absolute = new StringBuilder();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (absolute.length() > 0) {
                absolute.append(File.pathSeparatorChar);
            }
            absolute.append(Path.of(entry).toAbsolutePath());
        }
        return absolute.toString();
    }
}
