package news.comments.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on. */
record Machine(int cores, String cpuModel, String memory, String jdk, String os) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemory(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg. */
    static String loadAverage() {
        String[] fields = read("/proc/loadavg").get(0).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String readCpuModel() {
        return read("/proc/cpuinfo").stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    }

    private static String readMemory() {
        return read("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal:"))
                .map(line -> String.format(Locale.ROOT, "%.1f GiB",
                        Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .findFirst().orElse("unknown");
    }

    private static List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of("unknown");
        }
    }
}
