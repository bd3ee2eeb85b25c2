package news.comments.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used by each part of one stack between two samples, from /proc (user + system time of the part's
 * process tree, so PostgreSQL counts all its backends). Alongside: the harness JVM's own time (its Kafka
 * consumer), wrk's (the children the harness reaped in between: wrk is the only one that exits during a
 * measurement), everything else we started (the other stack, when two run), and the whole machine.
 */
final class CpuMeter {

    /** The parts of the system under test, in report order. */
    static final java.util.List<String> PARTS = java.util.List.of(
            "gateway", "comment-service", "article-service", "moderation-service", "kafka", "postgresql");

    record Sample(long nanos, Map<String, Long> parts, long harness, long reaped, long ours, long machine) {}

    /** CPU seconds over a window. */
    record Usage(
            double wallSeconds, Map<String, Double> parts, double harness, double wrk, double ours, double machine) {

        /** Gateway, the three services, the broker and the database. */
        double system() {
            return parts.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** What the other stack (when two run) used: ours minus this stack, the harness and wrk. */
        double otherStack() {
            return Math.max(0, ours - system() - harness - wrk);
        }

        /** Busy time of the machine that was not ours at all. */
        double notOurs() {
            return Math.max(0, machine - ours);
        }

        double percentOfCore(double seconds) {
            return wallSeconds <= 0 ? 0 : 100 * seconds / wallSeconds;
        }

        double percentOfMachine(double seconds) {
            return percentOfCore(seconds) / Machine.processors();
        }

        /** "kafka 39%, moderation-service 119%, harness 5%; total 163% of one core = 81% of the 2 cores". */
        String describe() {
            StringBuilder out = new StringBuilder();
            parts.forEach((name, seconds) -> out.append(out.isEmpty() ? "" : ", ")
                    .append(name)
                    .append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.0f%%", percentOfCore(seconds))));
            double total = system() + harness;
            return out
                    + String.format(
                            java.util.Locale.ROOT,
                            ", harness %.0f%%; total %.0f%% of one core = %.0f%% of the %d cores",
                            percentOfCore(harness),
                            percentOfCore(total),
                            percentOfMachine(total),
                            Machine.processors());
        }
    }

    private final Map<String, Long> pids;

    CpuMeter(Map<String, Long> pidsByPart) {
        this.pids = new LinkedHashMap<>(pidsByPart);
    }

    Sample sample() {
        long self = ProcessHandle.current().pid();
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, ProcessTicks.tree(pid)));
        return new Sample(
                System.nanoTime(),
                ticks,
                ProcessTicks.own(self),
                ProcessTicks.reapedChildren(self),
                OurProcesses.ticks(),
                ProcessTicks.machineBusy());
    }

    static Usage usage(Sample from, Sample to) {
        Map<String, Double> parts = new LinkedHashMap<>();
        to.parts()
                .forEach((name, ticks) ->
                        parts.put(name, seconds(ticks - from.parts().getOrDefault(name, 0L))));
        return new Usage(
                (to.nanos() - from.nanos()) / 1e9,
                parts,
                seconds(to.harness() - from.harness()),
                seconds(to.reaped() - from.reaped()),
                seconds(to.ours() - from.ours()),
                seconds(to.machine() - from.machine()));
    }

    private static double seconds(long ticks) {
        return Math.max(0, ticks) / ProcessTicks.PER_SECOND;
    }
}
