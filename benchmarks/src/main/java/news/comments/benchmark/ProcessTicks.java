package news.comments.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time from /proc in clock ticks (USER_HZ, 100 a second on Linux): of one process, of its reaped
 * children, of a process tree, and of the whole machine.
 */
final class ProcessTicks {

    static final double PER_SECOND = 100.0;

    private ProcessTicks() {}

    /** utime + stime of the process alone, 0 when it is gone. */
    static long own(long pid) {
        long[] fields = stat(pid);
        return fields[0] + fields[1];
    }

    /** cutime + cstime: the children this process has reaped (e.g. wrk, once it exited). */
    static long reapedChildren(long pid) {
        long[] fields = stat(pid);
        return fields[2] + fields[3];
    }

    /**
     * The process, every live descendant and everything they reaped: a child that exits moves its time into
     * its parent's cutime/cstime, so the sum does not drop when, say, a PostgreSQL worker ends.
     */
    static long tree(long pid) {
        return ProcessHandle.of(pid)
                .map(handle -> Stream.concat(Stream.of(handle), handle.descendants())
                        .mapToLong(process -> {
                            long[] fields = stat(process.pid());
                            return fields[0] + fields[1] + fields[2] + fields[3];
                        })
                        .sum())
                .orElse(0L);
    }

    /** user + nice + system + irq + softirq + steal of all CPUs (/proc/stat). */
    static long machineBusy() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime, stime, cutime, cstime; zeros for a process that is gone. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {
                Long.parseLong(fields[11]),
                Long.parseLong(fields[12]),
                Long.parseLong(fields[13]),
                Long.parseLong(fields[14])
            };
        } catch (IOException | RuntimeException gone) {
            return new long[4];
        }
    }
}
