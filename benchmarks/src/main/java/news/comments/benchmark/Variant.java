package news.comments.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One set of the four services to measure: where their jars come from, the JDK and JVM options they run
 * with, and extra environment. A run measures "current" and, with --baseline..., a "baseline" beside it.
 *
 * @param jars        a repository ({@code <module>/target/<module>.jar}) or a folder with the four jars
 * @param javaHome    the services' JDK, or null for the harness's own
 */
record Variant(String name, Path jars, Path javaHome, List<String> jvmOptions, Map<String, String> environment) {

    Variant {
        jvmOptions = List.copyOf(jvmOptions);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    Path javaExecutable() {
        Path home = javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("No JDK at " + home + " (no executable bin/java)");
        }
        return java;
    }
}
