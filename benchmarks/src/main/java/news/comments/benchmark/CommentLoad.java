package news.comments.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * wrk posting comments to one stack, and the clock stopped only when every accepted comment is decided.
 * The POST script writes each 202's comment id and the wall-clock microsecond it arrived; the harness's
 * read_committed consumer of comments.moderated.v1 notes when each decision arrives. CPU is measured from
 * just before wrk starts to the moment the last of those decisions is seen.
 */
final class CommentLoad {

    /** What one posting run measured. */
    record Outcome(
            Wrk.Result wrk,
            long accepted,
            long decided,
            double secondsToLastDecision,
            double drainSeconds,
            Latency decision,
            CpuMeter.Usage cpu,
            long duplicates) {

        long undecided() {
            return accepted - decided;
        }

        /** 202s per second while wrk ran. */
        double acceptedPerSecond() {
            return wrk.seconds() <= 0 ? 0 : accepted / wrk.seconds();
        }

        /** Accepted comments per second from the start of the load to the last one's decision. */
        double decidedPerSecond() {
            return secondsToLastDecision <= 0 ? 0 : decided / secondsToLastDecision;
        }

        /** CPU per accepted comment, in microseconds. */
        double micros(double cpuSeconds) {
            return accepted == 0 ? 0 : cpuSeconds * 1e6 / accepted;
        }
    }

    private static final Duration MIN_DECISION_WAIT = Duration.ofSeconds(60);

    private final BenchStack stack;
    private final Wrk wrk;

    CommentLoad(BenchStack stack, Wrk wrk) {
        this.stack = stack;
        this.wrk = wrk;
    }

    /** Posts through the gateway: closed loop when ratePerSecond is 0, else paced to that rate. */
    Outcome run(List<String> articles, int connections, int ratePerSecond, Duration duration) {
        return run(stack.gateway(), articles, connections, ratePerSecond, duration);
    }

    Outcome run(URI base, List<String> articles, int connections, int ratePerSecond, Duration duration) {
        Path articleFile = wrk.lines("articles", articles);
        Path ids = wrk.file("ids");
        String tag = stack.name().charAt(0)
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                + ids.getFileName().toString().replace("ids-", "r");
        List<String> arguments = new ArrayList<>(List.of(articleFile.toString(), ids.toString(), tag));
        Wrk.Script script = Wrk.Script.POST_COMMENTS;
        if (ratePerSecond > 0) {
            script = Wrk.Script.POST_COMMENTS_PACED;
            arguments.add(Double.toString(ratePerSecond / (double) Math.min(2, connections)));
        }
        DecisionWatcher decisions = stack.decisions();
        decisions.clear();
        long duplicatesBefore = decisions.duplicates();
        CpuMeter.Sample before = stack.cpu().sample();
        long startMicros = nowMicros();
        Wrk.Result result = wrk.run(base, script, connections, duration, arguments);
        long loadEndMicros = nowMicros();
        List<Accepted> accepted = readAccepted(ids);

        // Wait for every decision; give up after the load's length (at least a minute).
        long deadline = System.nanoTime() + Math.max(duration.toNanos(), MIN_DECISION_WAIT.toNanos());
        List<Accepted> pending = new ArrayList<>(accepted);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(comment -> decisions.seenAtMicros(comment.id()) != null);
            if (!pending.isEmpty()) {
                GatewayApi.sleep(20);
            }
        }
        CpuMeter.Usage cpu = CpuMeter.usage(before, stack.cpu().sample());
        Latency decision = new Latency();
        long lastDecision = startMicros;
        for (Accepted comment : accepted) {
            Long seen = decisions.seenAtMicros(comment.id());
            if (seen != null) {
                decision.recordNanos((seen - comment.atMicros()) * 1_000);
                lastDecision = Math.max(lastDecision, seen);
            }
        }
        long decided = accepted.size() - pending.size();
        if (accepted.size() != result.status(202)) {
            System.out.println(
                    "[bench] wrk counted " + result.status(202) + " × 202 but wrote " + accepted.size() + " ids");
        }
        Outcome outcome = new Outcome(
                result,
                accepted.size(),
                decided,
                (lastDecision - startMicros) / 1e6,
                Math.max(0, lastDecision - loadEndMicros) / 1e6,
                decision,
                cpu,
                decisions.duplicates() - duplicatesBefore);
        decisions.clear();
        return outcome;
    }

    private record Accepted(UUID id, long atMicros) {}

    /** The ids files of every wrk thread: "<comment id> <epoch microseconds of the 202>" a line. */
    private static List<Accepted> readAccepted(Path prefix) {
        List<Accepted> accepted = new ArrayList<>();
        try (Stream<Path> files = Files.list(prefix.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix.getFileName() + "-"))
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    int space = line.indexOf(' ');
                    if (space > 0) {
                        try {
                            accepted.add(new Accepted(
                                    UUID.fromString(line.substring(0, space)),
                                    Long.parseLong(line.substring(space + 1).trim())));
                        } catch (IllegalArgumentException unreadable) {
                            System.out.println("[bench] unreadable id line in " + file + ": " + line);
                        }
                    }
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return accepted;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
