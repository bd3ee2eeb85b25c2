package news.comments.benchmark;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Watches for load that is not ours during the run: every 5 s, the machine's busy CPU (/proc/stat)
 * against the CPU of this harness and everything it started ({@link OurProcesses}), and whether a Maven or
 * Surefire JVM is running. A benchmark on a shared machine is only honest when this says "none".
 */
final class ForeignLoad implements AutoCloseable {

    private static final long INTERVAL_MS = 5_000;
    private static final Set<String> BUILD_MARKERS = Set.of("surefire", "failsafe", "plexus-classworlds");

    private final Thread thread;
    private final Map<String, String> buildsSeen = new LinkedHashMap<>(); // first time -> last time
    private long machineTicks;
    private long ourTicks;
    private long samples;
    private long samplesWithBuilds;
    private volatile boolean running = true;

    ForeignLoad() {
        thread = new Thread(this::run, "foreign-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long lastMachine = ProcessTicks.machineBusy();
        long lastOurs = OurProcesses.ticks();
        while (running) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            long machine = ProcessTicks.machineBusy();
            long ours = OurProcesses.ticks();
            boolean build = ProcessHandle.allProcesses()
                    .filter(handle -> !isOurs(handle))
                    .anyMatch(handle -> handle.info()
                            .commandLine()
                            .map(line -> BUILD_MARKERS.stream().anyMatch(line::contains))
                            .orElse(false));
            synchronized (this) {
                machineTicks += machine - lastMachine;
                ourTicks += Math.max(0, ours - lastOurs);
                samples++;
                if (build) {
                    samplesWithBuilds++;
                    String now = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
                    buildsSeen.putIfAbsent("first", now);
                    buildsSeen.put("last", now);
                }
            }
            lastMachine = machine;
            lastOurs = ours;
        }
    }

    /** One line for the report. */
    synchronized String summary() {
        if (machineTicks == 0) {
            return "not measured";
        }
        double others = Math.max(0, machineTicks - ourTicks) * 100.0 / machineTicks;
        String builds = samplesWithBuilds == 0
                ? "no Maven/Surefire JVM seen"
                : String.format(
                        Locale.ROOT,
                        "**a Maven/Surefire JVM of someone else was running in %d of %d samples "
                                + "(%s to %s UTC): the figures are disturbed**",
                        samplesWithBuilds,
                        samples,
                        buildsSeen.get("first"),
                        buildsSeen.get("last"));
        return String.format(
                Locale.ROOT, "%.0f %% of the busy CPU time during the run was not ours; %s", others, builds);
    }

    private static boolean isOurs(ProcessHandle handle) {
        long self = ProcessHandle.current().pid();
        for (var parent = handle.parent();
                parent.isPresent();
                parent = parent.get().parent()) {
            if (parent.get().pid() == self) {
                return true;
            }
        }
        return handle.pid() == self;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
