package news.comments.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the local stack needs to know. {@link #fromEnvironment()} reads the documented
 * environment variables (one-command mode); {@link #builder(Path)} is for tests and other
 * programs that embed the stack (every port free-picked by default).
 *
 * @param dataDirectory        where Kafka, PostgreSQL, Kafka Streams state, keys and logs live
 * @param repositoryDirectory  where {@code <service>/target/<service>.jar} are found
 * @param moderatorUser        the moderator account name
 * @param moderatorPassword    the moderator password, or {@code null} to make one up at first start
 *                             and keep it in {@code <data>/moderator-password}
 * @param gatewayAddress       the address the gateway listens on (the other services listen on
 *                             127.0.0.1 only)
 * @param ports                0 means "pick a free port"
 * @param startServices        false starts only Kafka and PostgreSQL
 * @param seed                 create the seed article on first start
 * @param startupTimeout       how long each part may take to become ready
 * @param serviceJvmOptions    JVM options of each service process
 * @param serviceEnvironment   extra environment for every service process (e.g. rate limits in tests)
 * @param replicas             how many instances of each service run (1 unless set; only comment-service
 *                             and moderation-service may run more, see {@link #REPLICABLE})
 * @param serviceArchives      where {@code benchmarks/startup.sh archives} put the extracted jars and their
 *                             class-data archives (a quicker start, see {@link ClassArchive}), or
 *                             {@code null}: each service runs from its jar
 */
public record LocalStackConfig(
        Path dataDirectory,
        Path repositoryDirectory,
        String moderatorUser,
        String moderatorPassword,
        String gatewayAddress,
        StackPorts ports,
        boolean startServices,
        boolean seed,
        Duration startupTimeout,
        List<String> serviceJvmOptions,
        Map<String, String> serviceEnvironment,
        Map<Service, Integer> replicas,
        Path serviceArchives) {

    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+ExitOnOutOfMemoryError");

    /**
     * The services that may run more than once. article-service stays single: its article ids and
     * close/reopen commands are one writer's, and it is not what a comment burst loads. The gateway stays
     * single: it is the one address clients know, and it does the balancing.
     */
    public static final List<Service> REPLICABLE = List.of(Service.COMMENT, Service.MODERATION);

    /** The most instances of one service: replica n listens on its service's port + 100 (n - 1). */
    public static final int MAX_REPLICAS = 9;

    /** How to start the launcher, shown with every usage error. */
    public static final String USAGE = "Usage: run-local.sh [--replicas comment-service=N,moderation-service=N]"
            + " (N from 1 to " + MAX_REPLICAS + "; every other setting is an environment variable, see README)";

    public LocalStackConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(repositoryDirectory, "repositoryDirectory");
        Objects.requireNonNull(moderatorUser, "moderatorUser");
        Objects.requireNonNull(gatewayAddress, "gatewayAddress");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (moderatorUser.isBlank()) {
            throw new IllegalArgumentException("The moderator user name must not be blank");
        }
        if (moderatorPassword != null && moderatorPassword.isBlank()) {
            moderatorPassword = null;
        }
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        repositoryDirectory = repositoryDirectory.toAbsolutePath().normalize();
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        serviceEnvironment = Map.copyOf(serviceEnvironment);
        Map<Service, Integer> counts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            counts.put(service, 1);
        }
        if (replicas != null) {
            replicas.forEach((service, count) -> counts.put(service, checkedReplicas(service, count)));
        }
        replicas = Map.copyOf(counts);
        serviceArchives = serviceArchives == null
                ? null
                : serviceArchives.toAbsolutePath().normalize();
    }

    private static int checkedReplicas(Service service, Integer count) {
        Objects.requireNonNull(service, "service");
        if (count == null || count < 1 || count > MAX_REPLICAS) {
            throw new IllegalArgumentException("The replica count of " + service.moduleName() + " must be from 1 to "
                    + MAX_REPLICAS + ", not " + count);
        }
        if (count > 1 && !REPLICABLE.contains(service)) {
            throw new IllegalArgumentException(service.moduleName() + " runs once; only "
                    + REPLICABLE.stream().map(Service::moduleName).collect(Collectors.joining(" and "))
                    + " can have replicas");
        }
        return count;
    }

    /** How many instances of {@code service} run. */
    public int replicas(Service service) {
        return replicas.get(service);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "LocalStackConfig[dataDirectory=" + dataDirectory + ", repositoryDirectory=" + repositoryDirectory
                + ", moderatorUser=" + moderatorUser + ", moderatorPassword="
                + (moderatorPassword == null ? "(made up)" : "***")
                + ", gatewayAddress=" + gatewayAddress + ", ports=" + ports + ", startServices=" + startServices
                + ", seed=" + seed + ", startupTimeout=" + startupTimeout + ", replicas=" + replicas + "]";
    }

    public Optional<String> configuredModeratorPassword() {
        return Optional.ofNullable(moderatorPassword);
    }

    /** The one-command mode: environment variables over documented defaults. */
    public static LocalStackConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("comments.stack.repo-dir"));
    }

    /**
     * The one-command mode with the command line: {@code --replicas comment-service=2,moderation-service=2}
     * (or {@code --replicas=...}). Anything else on the command line is an error.
     *
     * @throws IllegalArgumentException naming what is wrong, for a usage error
     */
    public static LocalStackConfig fromCommandLine(List<String> args) {
        return fromCommandLine(args, System.getenv(), System.getProperty("comments.stack.repo-dir"));
    }

    static LocalStackConfig fromCommandLine(List<String> args, Map<String, String> env, String repoDirProperty) {
        Builder builder = fromEnvironment(env, repoDirProperty).toBuilder();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String replicas;
            if (arg.equals("--replicas")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--replicas needs a value such as comment-service=2");
                }
                replicas = args.get(++i);
            } else if (arg.startsWith("--replicas=")) {
                replicas = arg.substring("--replicas=".length());
            } else {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'");
            }
            parseReplicas(replicas).forEach(builder::replicas);
        }
        return builder.build();
    }

    /** {@code comment-service=2,moderation-service=3}: each service at most once, counts checked by the config. */
    static Map<Service, Integer> parseReplicas(String spec) {
        Map<Service, Integer> counts = new LinkedHashMap<>();
        if (spec.isBlank()) {
            throw new IllegalArgumentException("--replicas needs a value such as comment-service=2");
        }
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(
                        "--replicas: '" + entry.trim() + "' is not service=count (e.g. comment-service=2)");
            }
            String name = parts[0].trim();
            Service service = Arrays.stream(Service.values())
                    .filter(candidate -> candidate.moduleName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--replicas: unknown service '" + name
                            + "'; services with replicas: "
                            + REPLICABLE.stream().map(Service::moduleName).collect(Collectors.joining(", "))));
            int count;
            try {
                count = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--replicas: the count of " + name + " must be a number, not '" + parts[1].trim() + "'", e);
            }
            if (counts.put(service, count) != null) {
                throw new IllegalArgumentException("--replicas: " + name + " is given twice");
            }
            checkedReplicas(service, count);
        }
        return counts;
    }

    static LocalStackConfig fromEnvironment(Map<String, String> env, String repoDirProperty) {
        StackPorts defaults = StackPorts.defaults();
        StackPorts ports = new StackPorts(
                port(env, "GATEWAY_PORT", defaults.gateway()),
                port(env, "COMMENTS_GATEWAY_MANAGEMENT_PORT", defaults.gatewayManagement()),
                port(env, "COMMENTS_ARTICLE_SERVICE_PORT", defaults.articleService()),
                port(env, "COMMENTS_COMMENT_SERVICE_PORT", defaults.commentService()),
                port(env, "COMMENTS_MODERATION_SERVICE_PORT", defaults.moderationService()),
                port(env, "COMMENTS_KAFKA_PORT", defaults.kafka()),
                port(env, "COMMENTS_KAFKA_CONTROLLER_PORT", defaults.kafkaController()),
                port(env, "COMMENTS_PG_PORT", defaults.postgres()));
        String repoDir = repoDirProperty != null && !repoDirProperty.isBlank()
                ? repoDirProperty
                : env.getOrDefault("COMMENTS_REPO_DIR", ".");
        Builder builder = builder(Path.of(env.getOrDefault("COMMENTS_DATA_DIR", "./data")))
                .repositoryDirectory(Path.of(repoDir))
                .moderatorUser(env.getOrDefault("MODERATOR_USER", "moderator"))
                .moderatorPassword(env.get("MODERATOR_PASSWORD"))
                .gatewayAddress(env.getOrDefault("GATEWAY_ADDRESS", "127.0.0.1"))
                .ports(ports)
                .seed(!"false".equalsIgnoreCase(env.getOrDefault("COMMENTS_SEED", "true")))
                .startupTimeout(Duration.ofSeconds(integer(env, "COMMENTS_STARTUP_TIMEOUT_SECONDS", 300)));
        String jvmOptions = env.get("COMMENTS_SERVICE_JAVA_OPTS");
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            builder.serviceJvmOptions(Arrays.asList(jvmOptions.trim().split("\\s+")));
        }
        String archives = env.get("COMMENTS_SERVICE_ARCHIVES");
        if (archives != null && !archives.isBlank()) {
            builder.serviceArchives(Path.of(archives.trim()));
        }
        return builder.build();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        int port = integer(env, name, fallback);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be a port number (0-65535), not " + port);
        }
        return port;
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'", e);
        }
    }

    /** Library mode: free ports, no seed, services on, jars under the current directory. */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    public Builder toBuilder() {
        return new Builder(dataDirectory)
                .repositoryDirectory(repositoryDirectory)
                .moderatorUser(moderatorUser)
                .moderatorPassword(moderatorPassword)
                .gatewayAddress(gatewayAddress)
                .ports(ports)
                .startServices(startServices)
                .seed(seed)
                .startupTimeout(startupTimeout)
                .serviceJvmOptions(serviceJvmOptions)
                .serviceEnvironment(serviceEnvironment)
                .replicas(replicas)
                .serviceArchives(serviceArchives);
    }

    public static final class Builder {
        private final Path dataDirectory;
        private Path repositoryDirectory = Path.of(".");
        private String moderatorUser = "moderator";
        private String moderatorPassword;
        private String gatewayAddress = "127.0.0.1";
        private StackPorts ports = StackPorts.anyFree();
        private boolean startServices = true;
        private boolean seed;
        private Duration startupTimeout = Duration.ofMinutes(5);
        private List<String> serviceJvmOptions = DEFAULT_SERVICE_JVM_OPTIONS;
        private final Map<String, String> serviceEnvironment = new LinkedHashMap<>();
        private final Map<Service, Integer> replicas = new EnumMap<>(Service.class);
        private Path serviceArchives;

        private Builder(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        public Builder repositoryDirectory(Path value) {
            this.repositoryDirectory = value;
            return this;
        }

        public Builder moderatorUser(String value) {
            this.moderatorUser = value;
            return this;
        }

        public Builder moderatorPassword(String value) {
            this.moderatorPassword = value;
            return this;
        }

        public Builder gatewayAddress(String value) {
            this.gatewayAddress = value;
            return this;
        }

        public Builder ports(StackPorts value) {
            this.ports = value;
            return this;
        }

        public Builder startServices(boolean value) {
            this.startServices = value;
            return this;
        }

        public Builder seed(boolean value) {
            this.seed = value;
            return this;
        }

        public Builder startupTimeout(Duration value) {
            this.startupTimeout = value;
            return this;
        }

        public Builder serviceJvmOptions(List<String> value) {
            this.serviceJvmOptions = List.copyOf(value);
            return this;
        }

        public Builder serviceEnvironment(Map<String, String> value) {
            this.serviceEnvironment.putAll(value);
            return this;
        }

        public Builder serviceEnvironment(String name, String value) {
            this.serviceEnvironment.put(name, value);
            return this;
        }

        /** Runs {@code count} instances of {@code service} (comment-service and moderation-service only). */
        public Builder replicas(Service service, int count) {
            this.replicas.put(service, count);
            return this;
        }

        public Builder replicas(Map<Service, Integer> value) {
            this.replicas.putAll(value);
            return this;
        }

        public Builder serviceArchives(Path value) {
            this.serviceArchives = value;
            return this;
        }

        public LocalStackConfig build() {
            return new LocalStackConfig(
                    dataDirectory,
                    repositoryDirectory,
                    moderatorUser,
                    moderatorPassword,
                    gatewayAddress,
                    ports,
                    startServices,
                    seed,
                    startupTimeout,
                    serviceJvmOptions,
                    serviceEnvironment,
                    replicas,
                    serviceArchives);
        }
    }
}
