package news.comments.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU used by each part of the stack between two samples, from /proc/<pid>/stat (user + system
 * ticks of the process and its descendants, e.g. PostgreSQL's backends), as % of one core.
 * This is the evidence for "where does the time go" on a machine where everything shares 2 cores.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private static final String HARNESS = "benchmark harness";

    private final Map<String, Long> pids;
    private Map<String, Long> lastTicks;
    private long lastNanos;

    ProcessCpu(Map<String, Long> pidsByName) {
        this.pids = new LinkedHashMap<>(pidsByName);
        this.pids.put(HARNESS, ProcessHandle.current().pid());
        start();
    }

    void start() {
        lastTicks = ticks();
        lastNanos = System.nanoTime();
    }

    /** "% of one core" per part since the last start(), e.g. "gateway 85%, comment-service 60%, ...". */
    String sinceStart() {
        Map<String, Long> now = ticks();
        double seconds = (System.nanoTime() - lastNanos) / 1e9;
        double total = 0;
        StringBuilder parts = new StringBuilder();
        for (Map.Entry<String, Long> entry : now.entrySet()) {
            double percent = (entry.getValue() - lastTicks.getOrDefault(entry.getKey(), 0L)) / TICKS_PER_SECOND / seconds * 100;
            total += percent;
            parts.append(parts.isEmpty() ? "" : ", ").append(entry.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, "%.0f%%", percent));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return parts + String.format(Locale.ROOT, "; total %.0f%% of one core = %.0f%% of the %d cores",
                total, total / cores, cores);
    }

    private Map<String, Long> ticks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        // The harness's descendants are the stack itself: count only its own time.
        pids.forEach((name, pid) -> ticks.put(name, name.equals(HARNESS) ? ownTicks(pid) : treeTicks(pid)));
        return ticks;
    }

    private static long treeTicks(long pid) {
        return ProcessHandle.of(pid).map(handle -> Stream.concat(Stream.of(handle), handle.descendants())
                .collect(Collectors.summingLong(process -> ownTicks(process.pid())))).orElse(0L);
    }

    static long ownTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
