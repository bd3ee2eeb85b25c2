package news.comments.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs the benchmarks and writes BENCHMARKS.md; the options are in {@link Options#USAGE}. Benchmarks 1 and
 * 3-7 share one stack per set of services (both alive for the whole run when a baseline is given, each
 * benchmark measuring one after the other); benchmark 2 starts its own, after those are stopped.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("--help")) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
            if (options.only().stream().anyMatch(n -> n != 2)) {
                Wrk.requireInstalled();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Sizes sizes = options.quick() ? Sizes.quick() : Sizes.full();
        String command =
                System.getProperty("bench.command", "java news.comments.benchmark.Main " + String.join(" ", args));

        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        System.out.println("[bench] load average before the run: " + loadBefore);
        Path work = Files.createTempDirectory("comments-benchmark-");
        // Ctrl-C: the stacks' own hooks stop their processes; this one removes the data (hundreds of MB).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(work), "benchmark-cleanup"));
        List<Section> sections = new ArrayList<>();
        ForeignLoad foreignLoad = new ForeignLoad();
        try {
            Map<Variant, Path> snapshots = new LinkedHashMap<>();
            List<Report.Services> services = new ArrayList<>();
            for (Variant variant : options.variants()) {
                Path snapshot = work.resolve("jars-" + variant.name());
                List<String> jars = JarSnapshot.take(variant.jars(), snapshot);
                snapshots.put(variant, snapshot);
                services.add(new Report.Services(
                        variant, jars, Machine.javaVersion(variant.javaExecutable()), gitCommit(variant.jars())));
            }
            if (options.only().stream().anyMatch(n -> n != 2)) {
                sections.addAll(onStacks(work, snapshots, options, sizes));
            }
            if (options.only().contains(2)) {
                Section moderation = ModerationThroughputBenchmark.section(sizes, options);
                snapshots.forEach((variant, snapshot) -> guarded(
                        moderation,
                        () -> new ModerationThroughputBenchmark(
                                        work.resolve("moderation-" + variant.name()), snapshot, sizes, options, variant)
                                .run(moderation)));
                sections.add(moderation);
            }
            sections.sort(Comparator.comparing(Section::title));
            Report.write(
                    options.out(),
                    new Report.Run(
                            started,
                            Instant.now(),
                            Machine.describe(),
                            loadBefore,
                            Machine.loadAverage(),
                            command,
                            services,
                            foreignLoad.summary(),
                            options.quick(),
                            options),
                    sections,
                    options.repository().resolve("benchmarks/ANALYSIS.md"));
        } finally {
            foreignLoad.close();
            deleteQuietly(work);
        }
        System.exit(0); // HttpClient and Kafka threads would otherwise keep the JVM a while
    }

    private static List<Section> onStacks(Path work, Map<Variant, Path> snapshots, Options options, Sizes sizes) {
        List<Section> sections = new ArrayList<>();
        List<BenchStack> stacks = new ArrayList<>();
        try {
            for (Map.Entry<Variant, Path> entry : snapshots.entrySet()) {
                stacks.add(BenchStack.start(
                        entry.getKey(), work.resolve("stack-" + entry.getKey().name()), entry.getValue()));
            }
            Wrk wrk = new Wrk(work.resolve("wrk"));
            // Light before heavy: the end-to-end runs leave the most data behind. Latency at rest after them:
            // one request at a time on JVMs started minutes ago measures their JIT compilers, not a request
            // (in a run that began with it, the machine was 100 % busy at 30 POSTs/s). Idle last.
            if (options.only().contains(3)) {
                sections.add(guarded(
                        "3. Gateway overhead", () -> new GatewayOverheadBenchmark(stacks, wrk, options, sizes).run()));
            }
            if (options.only().contains(4)) {
                sections.add(guarded("4. Read path", () -> new ReadPathBenchmark(stacks, wrk, options, sizes).run()));
            }
            if (options.only().contains(5)) {
                sections.add(guarded("5. Close propagation", () -> ClosePropagationBenchmark.run(stacks, sizes)));
            }
            if (options.only().contains(1)) {
                sections.add(guarded(
                        "1. End to end through the gateway",
                        () -> new EndToEndBenchmark(stacks, wrk, options, sizes).run()));
            }
            if (options.only().contains(6)) {
                sections.add(guarded(
                        "6. Latency at rest", () -> new LatencyAtRestBenchmark(stacks, wrk, options, sizes).run()));
            }
            if (options.only().contains(7)) {
                sections.add(guarded("7. Idle", () -> new IdleBenchmark(stacks, sizes).run()));
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            sections.add(new Section("0. The stacks").verdict("**Failed** to start the stacks: " + e));
        } finally {
            Collections.reverse(stacks);
            for (BenchStack stack : stacks) {
                try {
                    stack.close();
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
            }
        }
        return sections;
    }

    /** A benchmark that fails still leaves a section saying so; the others go on. */
    private static Section guarded(String title, Supplier<Section> benchmark) {
        try {
            return benchmark.get();
        } catch (RuntimeException e) {
            e.printStackTrace();
            return new Section(title).verdict("**Failed**: " + e);
        }
    }

    private static void guarded(Section section, Runnable benchmark) {
        try {
            benchmark.run();
        } catch (RuntimeException e) {
            e.printStackTrace();
            section.verdict("**Failed**: " + e);
        }
    }

    private static String gitCommit(Path repository) {
        try {
            Process git = new ProcessBuilder("git", "-C", repository.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String commit = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0
                    ? "commit " + commit + " (plus any uncommitted changes in the jars)"
                    : "not a git checkout";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
