package news.comments.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on. */
record Machine(int cores, String cpuModel, String memory, String jdk, String os) {

    static Machine describe() {
        return new Machine(
                processors(),
                readCpuModel(),
                readMemory(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The first line of {@code java -version} of that java, e.g. "openjdk version "17.0.15" 2025-04-15" plus the VM line. */
    static String javaVersion(Path java) {
        try {
            Process process = new ProcessBuilder(java.toString(), "-version")
                    .redirectErrorStream(true)
                    .start();
            List<String> lines =
                    new String(process.getInputStream().readAllBytes()).lines().toList();
            process.waitFor();
            return lines.isEmpty() ? "unknown" : lines.get(0) + (lines.size() > 2 ? ", " + lines.get(2) : "");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg. */
    static String loadAverage() {
        String[] fields = read("/proc/loadavg").get(0).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String readCpuModel() {
        return read("/proc/cpuinfo").stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown");
    }

    private static String readMemory() {
        return read("/proc/meminfo").stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> String.format(
                        Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .findFirst()
                .orElse("unknown");
    }

    private static List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of("unknown");
        }
    }
}
