package news.comments.benchmark;

import news.comments.stack.LocalStack;
import news.comments.stack.LocalStackConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs the benchmarks of issue 6 and writes BENCHMARKS.md. Options: {@code --quick} (small sizes,
 * report to benchmarks/target/BENCHMARKS-quick.md), {@code --only=1,3}, {@code --repo=DIR} (where the
 * service jars are built, default "."), {@code --out=FILE}, {@code --service-env=NAME=value}
 * (repeatable; extra environment for every service, e.g. to try a setting).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Set<Integer> only = new TreeSet<>(List.of(1, 2, 3, 4, 5));
        Path repository = Path.of(".");
        Path out = null;
        Map<String, String> serviceEnvironment = new LinkedHashMap<>();
        // Every request comes from 127.0.0.1: lift the gateway's per-client limits, as the system tests do.
        serviceEnvironment.put("COMMENTS_GATEWAY_RATELIMIT_COMMENTS_REQUESTS", "1000000");
        serviceEnvironment.put("COMMENTS_GATEWAY_RATELIMIT_SIGNIN_REQUESTS", "100000");
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--only=")) {
                only.clear();
                Stream.of(arg.substring(7).split(",")).map(String::trim).map(Integer::parseInt).forEach(only::add);
            } else if (arg.startsWith("--repo=")) {
                repository = Path.of(arg.substring(7));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            } else if (arg.startsWith("--service-env=") && arg.indexOf('=', 14) > 14) {
                String pair = arg.substring(14);
                serviceEnvironment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            } else {
                System.err.println("unknown option " + arg
                        + "; use --quick, --only=1,2,3,4,5, --repo=DIR, --out=FILE, --service-env=NAME=value");
                System.exit(2);
            }
        }
        repository = repository.toAbsolutePath().normalize();
        if (out == null) {
            out = quick ? repository.resolve("benchmarks/target/BENCHMARKS-quick.md") : repository.resolve("BENCHMARKS.md");
        }
        Sizes sizes = quick ? Sizes.quick() : Sizes.full();
        String command = System.getProperty("bench.command", "java news.comments.benchmark.Main " + String.join(" ", args));

        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        System.out.println("[bench] load average before the run: " + loadBefore);
        Path work = Files.createTempDirectory("comments-benchmark-");
        // Ctrl-C: the stack's own hooks stop its processes; this one removes the data (hundreds of MB).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(work), "benchmark-cleanup"));
        List<Section> sections = new ArrayList<>();
        ForeignLoad foreignLoad = new ForeignLoad();
        try {
            Path snapshot = work.resolve("repo");
            List<String> jars = JarSnapshot.take(repository, snapshot);
            if (only.stream().anyMatch(n -> n != 2)) {
                sections.addAll(onFullStack(work.resolve("stack"), snapshot, serviceEnvironment, sizes, only));
            }
            if (only.contains(2)) {
                sections.add(guarded("2. Moderation throughput",
                        () -> new ModerationThroughputBenchmark(work.resolve("moderation"), snapshot, sizes,
                                serviceEnvironment).run()));
            }
            sections.sort(Comparator.comparing(Section::title));
            Report.write(out, new Report.Run(started, Instant.now(), Machine.describe(), loadBefore, Machine.loadAverage(),
                    command, jars, gitCommit(repository), foreignLoad.summary(), quick), sections, repository.resolve("benchmarks/ANALYSIS.md"));
        } finally {
            foreignLoad.close();
            deleteQuietly(work);
        }
        System.exit(0); // HttpClient and Kafka threads would otherwise keep the JVM a while
    }

    private static List<Section> onFullStack(Path data, Path snapshot, Map<String, String> environment, Sizes sizes,
                                             Set<Integer> only) {
        List<Section> sections = new ArrayList<>();
        LocalStackConfig config = LocalStackConfig.builder(data).repositoryDirectory(snapshot)
                .startServices(true).seed(false).startupTimeout(Duration.ofMinutes(10))
                .serviceEnvironment(environment).build();
        try (LocalStack stack = LocalStack.start(config)) {
            GatewayApi api = new GatewayApi(stack.gatewayUrl(), stack.moderatorUser(), stack.moderatorPassword());
            ProcessCpu cpu = new ProcessCpu(pidsByName(stack));
            URI commentService = URI.create("http://127.0.0.1:" + stack.ports().commentService());
            ReadPathBenchmark readPath = new ReadPathBenchmark(api, cpu, sizes);
            try (DecisionWatcher decisions = new DecisionWatcher(stack.kafkaBootstrapServers())) {
                // Lightest first, so the backlog of the heavy end-to-end run cannot colour the others.
                if (only.contains(4)) {
                    sections.add(guarded("4. Read path", readPath::run));
                }
                if (only.contains(3)) {
                    sections.add(guarded("3. Gateway overhead", () -> {
                        ReadPathBenchmark.PreparedThread thread = readPath.prepare();
                        return new GatewayOverheadBenchmark(stack.gatewayUrl(), commentService, cpu, sizes)
                                .run(thread.articleId(), thread.someCommentId());
                    }));
                }
                if (only.contains(5)) {
                    sections.add(guarded("5. Close propagation", () -> new ClosePropagationBenchmark(api, decisions, sizes).run()));
                }
                if (only.contains(1)) {
                    sections.add(guarded("1. End to end through the gateway",
                            () -> new EndToEndBenchmark(api, decisions, cpu, sizes).run()));
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            sections.add(new Section("0. The stack").verdict("**Failed** to start or stop the stack: " + e));
        }
        return sections;
    }

    /** The stack's processes by name: the broker, the services in start order, PostgreSQL. */
    private static Map<String, Long> pidsByName(LocalStack stack) {
        Map<String, Long> pids = new LinkedHashMap<>();
        List<ProcessHandle> children = stack.childProcesses();
        List<String> names = new ArrayList<>(List.of("kafka"));
        names.addAll(JarSnapshot.SERVICES);
        for (int i = 0; i < children.size() && i < names.size(); i++) {
            pids.put(names.get(i), children.get(i).pid());
        }
        stack.postgresPid().ifPresent(pid -> pids.put("postgresql", pid));
        return pids;
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

    private static String gitCommit(Path repository) {
        try {
            Process git = new ProcessBuilder("git", "-C", repository.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String commit = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? commit + " (plus any uncommitted changes in the jars)" : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
