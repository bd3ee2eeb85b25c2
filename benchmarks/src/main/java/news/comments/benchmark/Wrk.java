package news.comments.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Debian's wrk as the load generator, with the harness's Lua scripts (src/main/resources/wrk), written out
 * to the run's folder. Each run's result is the line the scripts' done() prints; wrk's own CPU is the time
 * the harness got back as a reaped child (/proc/self/stat cutime + cstime), so it is all of wrk's.
 */
final class Wrk {

    static final Path EXECUTABLE = Path.of("/usr/bin/wrk");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The scripts; each is common.lua plus its parts. */
    enum Script {
        POST_COMMENTS("post-comments.lua"),
        POST_COMMENTS_PACED("post-comments.lua", "pace.lua"),
        GET_PATHS("get-paths.lua"),
        GET_ONE("get-one.lua");

        private final List<String> parts;

        Script(String... parts) {
            this.parts = List.of(parts);
        }
    }

    /** What wrk saw; latencies in microseconds, from sending a request to its whole answer. */
    record Result(
            long requests,
            double seconds,
            Map<Integer, Long> statuses,
            long non2xx,
            long socketErrors,
            long timeouts,
            long p50,
            long p90,
            long p99,
            long max,
            long mean,
            double cpuSeconds) {

        double perSecond() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        /** wrk's CPU as % of the whole machine while it ran. */
        double percentOfMachine() {
            return seconds <= 0 ? 0 : 100 * cpuSeconds / seconds / Machine.processors();
        }

        long status(int code) {
            return statuses.getOrDefault(code, 0L);
        }

        /** "1000 × 202, 3 × 503, 2 socket errors" or "no failures". */
        String answers() {
            List<String> parts = new ArrayList<>();
            statuses.forEach((code, count) -> parts.add(count + " × " + code));
            if (statuses.isEmpty() && non2xx > 0) {
                parts.add(non2xx + " not 2xx/3xx");
            }
            if (socketErrors > 0) {
                parts.add(socketErrors + " socket errors");
            }
            if (timeouts > 0) {
                parts.add(timeouts + " timeouts");
            }
            return parts.isEmpty() ? "all 2xx" : String.join(", ", parts);
        }
    }

    private final Path folder;
    private final AtomicInteger runs = new AtomicInteger();

    Wrk(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
            for (Script script : Script.values()) {
                StringBuilder text = new StringBuilder(resource("common.lua"));
                for (String part : script.parts) {
                    text.append('\n').append(resource(part));
                }
                Files.writeString(scriptFile(script), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the wrk scripts to " + folder, e);
        }
    }

    /** Fails with the way to get wrk when it is missing. */
    static void requireInstalled() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("wrk is not installed (" + EXECUTABLE + "): apt-get install wrk");
        }
    }

    /** A fresh file name in the run's folder, e.g. for the ids a POST run writes. */
    Path file(String prefix) {
        return folder.resolve(prefix + "-" + runs.incrementAndGet());
    }

    /** Writes lines (article ids, paths) to a fresh file for a script's arguments. */
    Path lines(String prefix, List<String> lines) {
        Path file = file(prefix);
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Runs wrk to its end. threads = min(2, connections): two cores, and one thread is plenty for a few
     * thousand requests a second.
     */
    Result run(URI url, Script script, int connections, Duration duration, List<String> arguments) {
        int threads = Math.min(2, connections);
        List<String> command = new ArrayList<>(List.of(
                EXECUTABLE.toString(),
                "-t" + threads,
                "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s",
                "--timeout",
                TIMEOUT.toSeconds() + "s",
                "-s",
                scriptFile(script).toString(),
                url.toString()));
        if (!arguments.isEmpty()) {
            command.add("--");
            command.addAll(arguments);
        }
        Path output = file("wrk-output");
        long self = ProcessHandle.current().pid();
        long reapedBefore = ProcessTicks.reapedChildren(self);
        try {
            Process wrk = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!wrk.waitFor(duration.toSeconds() + TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS)) {
                wrk.destroyForcibly().waitFor();
                throw new IllegalStateException("wrk did not end: " + String.join(" ", command));
            }
            double cpu = Math.max(0, ProcessTicks.reapedChildren(self) - reapedBefore) / ProcessTicks.PER_SECOND;
            String printed = Files.readString(output);
            if (wrk.exitValue() != 0) {
                throw new IllegalStateException(
                        "wrk failed (" + wrk.exitValue() + "): " + String.join(" ", command) + "\n" + printed);
            }
            return parse(printed, cpu, command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Result parse(String printed, double cpu, List<String> command) {
        String line = printed.lines()
                .filter(l -> l.startsWith("BENCH-RESULT "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "wrk printed no result: " + String.join(" ", command) + "\n" + printed));
        JsonNode json = Http.JSON.readTree(line.substring("BENCH-RESULT ".length()));
        Map<Integer, Long> statuses = new TreeMap<>();
        json.get("statuses")
                .properties()
                .forEach(entry -> statuses.put(
                        Integer.parseInt(entry.getKey()), entry.getValue().asLong()));
        return new Result(
                json.get("requests").asLong(),
                json.get("durationUs").asLong() / 1e6,
                statuses,
                json.get("statusErrors").asLong(),
                json.get("connectErrors").asLong()
                        + json.get("readErrors").asLong()
                        + json.get("writeErrors").asLong(),
                json.get("timeouts").asLong(),
                json.get("p50Us").asLong(),
                json.get("p90Us").asLong(),
                json.get("p99Us").asLong(),
                json.get("maxUs").asLong(),
                json.get("meanUs").asLong(),
                cpu);
    }

    private Path scriptFile(Script script) {
        return folder.resolve(script.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".lua");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Wrk.class.getResourceAsStream("/wrk/" + name)) {
            if (in == null) {
                throw new IOException("missing resource wrk/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
