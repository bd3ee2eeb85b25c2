package news.comments.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
        Path serviceArchives) {

    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+ExitOnOutOfMemoryError");

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
        serviceArchives = serviceArchives == null
                ? null
                : serviceArchives.toAbsolutePath().normalize();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "LocalStackConfig[dataDirectory=" + dataDirectory + ", repositoryDirectory=" + repositoryDirectory
                + ", moderatorUser=" + moderatorUser + ", moderatorPassword="
                + (moderatorPassword == null ? "(made up)" : "***")
                + ", gatewayAddress=" + gatewayAddress + ", ports=" + ports + ", startServices=" + startServices
                + ", seed=" + seed + ", startupTimeout=" + startupTimeout + "]";
    }

    public Optional<String> configuredModeratorPassword() {
        return Optional.ofNullable(moderatorPassword);
    }

    /** The one-command mode: environment variables over documented defaults. */
    public static LocalStackConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("comments.stack.repo-dir"));
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
                    serviceArchives);
        }
    }
}
