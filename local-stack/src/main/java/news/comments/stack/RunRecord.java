package news.comments.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes one run of the stack started, written to its data folder as they start, so that the
 * next start on the same folder can stop whatever a killed launcher left behind ({@code kill -9} of
 * the launcher, or of its whole process group, takes the orphan guards with it, and PostgreSQL runs
 * detached). A line is {@code name pid start-time}; the start time tells a leftover from an unrelated
 * process that got the same pid later.
 */
final class RunRecord {

    /** How long leftovers get to stop cleanly before they are killed. */
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(10);

    private final Path file;

    private RunRecord(Path file) {
        this.file = file;
    }

    /** Stops what an earlier run on this data folder left running, then starts a new record. */
    static RunRecord begin(DataDirectory data) {
        Path file = data.root().resolve("processes");
        List<Leftover> leftovers = readLeftovers(file);
        if (!leftovers.isEmpty()) {
            System.err.println(
                    "[local-stack] stopping what an earlier run on " + data.root() + " left running: " + leftovers);
            stop(leftovers);
        }
        // PostgreSQL started by a launcher that died before it could record it.
        PostgresServer.stopLeftover(data.postgres());
        try {
            Files.writeString(file, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return new RunRecord(file);
    }

    /** Records a started process; a failure to record is reported but never stops the stack. */
    void add(String name, ProcessHandle process) {
        Optional<Instant> started = process.info().startInstant();
        String line = name + " " + process.pid() + " "
                + started.map(Instant::toEpochMilli).orElse(0L) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("[local-stack] could not record " + name + " in " + file + ": " + e.getMessage());
        }
    }

    private static List<Leftover> readLeftovers(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Leftover> leftovers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split(" ");
                if (fields.length != 3) {
                    continue;
                }
                long pid = Long.parseLong(fields[1]);
                long startedAt = Long.parseLong(fields[2]);
                ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter(handle -> sameStart(handle, startedAt))
                        .ifPresent(handle -> leftovers.add(new Leftover(fields[0], handle)));
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("[local-stack] ignoring an unreadable " + file + ": " + e.getMessage());
        }
        return leftovers;
    }

    private static boolean sameStart(ProcessHandle handle, long recordedMillis) {
        // The start time is read from /proc with a tick's precision; allow a second either way.
        return recordedMillis != 0
                && handle.info()
                        .startInstant()
                        .map(start -> Math.abs(start.toEpochMilli() - recordedMillis) < 1000)
                        .orElse(false);
    }

    private static void stop(List<Leftover> leftovers) {
        for (Leftover leftover : leftovers) {
            if ("postgres".equals(leftover.name())) {
                PostgresServer.fastShutdown(leftover.process());
            } else {
                leftover.process().destroy();
            }
        }
        Instant deadline = Instant.now().plus(LEFTOVER_GRACE);
        for (Leftover leftover : leftovers) {
            ProcessHandle process = leftover.process();
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            try {
                process.onExit().get(left, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception stillRunning) {
                System.err.println("[local-stack] " + leftover + " did not stop within " + LEFTOVER_GRACE.toSeconds()
                        + " s; killing it");
                process.destroyForcibly();
            }
        }
    }

    private record Leftover(String name, ProcessHandle process) {
        @Override
        public String toString() {
            return name + " (pid " + process.pid() + ")";
        }
    }
}
