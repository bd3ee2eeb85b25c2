package news.comments.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import news.comments.stack.LocalStackConfig;

/** The command line of the harness; see {@link #USAGE}. */
record Options(
        boolean quick,
        Set<Integer> only,
        Path repository,
        Path out,
        Variant current,
        Optional<Variant> baseline,
        Duration warmup,
        Duration measure,
        int connections,
        int pacedRate,
        int moderationLiveRate,
        int moderationViralComments) {

    static final String USAGE = """
            benchmarks/run.sh [options]
              --quick                        small sizes, short warm-up; writes benchmarks/target/BENCHMARKS-quick.md
              --only=1,3,6                   some benchmarks: 1 end to end, 2 moderation throughput, 3 gateway overhead,
                                             4 read path, 5 close propagation, 6 latency at rest, 7 idle
              --warmup=60s                   load before every measured window (the JIT of four JVMs)
              --measure=60s                  the measured window of each end-to-end run
              --connections=32               wrk connections of the closed-loop end-to-end runs
              --rate=1000                    comments/s of the paced end-to-end run (decision latency)
              --moderation-live-rate=5000    submissions/s of benchmark 2's live run (--measure long; --quick: 500)
              --moderation-viral=200000      benchmark 2's one-article backlog, in comments (--quick: 5000)
              --out=FILE                     the report (default BENCHMARKS.md, or the quick file)
              --repo=DIR                     the repository whose <module>/target/<module>.jar are measured (default .)
              --service-java-home=DIR        the services' JDK (default: the harness's)
              --service-java-opts="..."      the services' JVM options (default: local-stack's, %s)
              --service-env=NAME=value       extra environment for every service (repeatable)
              --baseline=DIR                 also measure these jars, side by side (a repository or a folder of jars)
              --baseline-java-home=DIR       the baseline's JDK (default: as the current)
              --baseline-java-opts="..."     the baseline's JVM options (default: as the current)
              --baseline-service-env=N=v     the baseline's extra environment, on top of --service-env (repeatable)
            Any --baseline-* option alone measures the current jars twice, with different settings.
            """.formatted(String.join(" ", LocalStackConfig.DEFAULT_SERVICE_JVM_OPTIONS));

    static Options parse(String[] args) {
        boolean quick = false;
        Set<Integer> only = new TreeSet<>(List.of(1, 2, 3, 4, 5, 6, 7));
        Path repository = Path.of(".");
        Path out = null;
        Duration warmup = null;
        Duration measure = null;
        int connections = 32;
        Integer rate = null;
        Integer moderationLiveRate = null;
        Integer moderationViral = null;
        Path javaHome = null;
        List<String> jvmOptions = LocalStackConfig.DEFAULT_SERVICE_JVM_OPTIONS;
        Map<String, String> environment = new LinkedHashMap<>();
        // Every request comes from 127.0.0.1: lift the gateway's per-client limits, as the system tests do.
        environment.put("COMMENTS_GATEWAY_RATELIMIT_COMMENTS_REQUESTS", "1000000");
        environment.put("COMMENTS_GATEWAY_RATELIMIT_SIGNIN_REQUESTS", "100000");
        boolean baseline = false;
        Path baselineJars = null;
        Path baselineJavaHome = null;
        List<String> baselineJvmOptions = null;
        Map<String, String> baselineEnvironment = new LinkedHashMap<>();
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--quick" -> quick = true;
                case "--only" -> {
                    only.clear();
                    Stream.of(value.split(","))
                            .map(String::trim)
                            .map(Integer::parseInt)
                            .forEach(only::add);
                }
                case "--repo" -> repository = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--warmup" -> warmup = duration(name, value);
                case "--measure" -> measure = duration(name, value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--moderation-live-rate" -> moderationLiveRate = positive(name, value);
                case "--moderation-viral" -> moderationViral = positive(name, value);
                case "--service-java-home" -> javaHome = Path.of(value);
                case "--service-java-opts" -> jvmOptions = words(value);
                case "--service-env" -> pair(name, value, environment);
                case "--baseline" -> {
                    baseline = true;
                    baselineJars = Path.of(value);
                }
                case "--baseline-java-home" -> {
                    baseline = true;
                    baselineJavaHome = Path.of(value);
                }
                case "--baseline-java-opts" -> {
                    baseline = true;
                    baselineJvmOptions = words(value);
                }
                case "--baseline-service-env" -> {
                    baseline = true;
                    pair(name, value, baselineEnvironment);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        repository = repository.toAbsolutePath().normalize();
        if (out == null) {
            out = quick
                    ? repository.resolve("benchmarks/target/BENCHMARKS-quick.md")
                    : repository.resolve("BENCHMARKS.md");
        }
        Variant current = new Variant("current", repository, javaHome, jvmOptions, environment);
        Optional<Variant> base = Optional.empty();
        if (baseline) {
            Map<String, String> merged = new LinkedHashMap<>(environment);
            merged.putAll(baselineEnvironment);
            base = Optional.of(new Variant(
                    "baseline",
                    baselineJars != null ? baselineJars.toAbsolutePath().normalize() : repository,
                    baselineJavaHome != null ? baselineJavaHome : javaHome,
                    baselineJvmOptions != null ? baselineJvmOptions : jvmOptions,
                    merged));
        }
        return new Options(
                quick,
                only,
                repository,
                out,
                current,
                base,
                warmup != null ? warmup : Duration.ofSeconds(quick ? 5 : 60),
                measure != null ? measure : Duration.ofSeconds(quick ? 5 : 60),
                connections,
                rate != null ? rate : quick ? 200 : 1000,
                moderationLiveRate != null ? moderationLiveRate : quick ? 500 : 5000,
                moderationViral != null ? moderationViral : quick ? 5_000 : 200_000);
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value.trim().replace("_", ""));
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " wants a positive whole number, not " + value);
    }

    /** Baseline first, so the report reads "before, after". */
    List<Variant> variants() {
        List<Variant> variants = new ArrayList<>();
        baseline.ifPresent(variants::add);
        variants.add(current);
        return variants;
    }

    /** "90s", "2m", "500ms" or a number of seconds. */
    static Duration duration(String option, String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a duration such as 60s, 2m or 500ms, not " + value, e);
        }
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.trim().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    private static void pair(String option, String value, Map<String, String> into) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(option + " wants NAME=value, not " + value);
        }
        into.put(value.substring(0, equals), value.substring(equals + 1));
    }
}
