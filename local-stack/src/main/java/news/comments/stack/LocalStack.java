package news.comments.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine with only a JDK: a real KRaft broker and a real PostgreSQL with
 * their data in one folder, then the four services as child processes. Run {@link #main} for the
 * one-command experience, or {@link #start(LocalStackConfig)} from tests; {@link #close()} (or
 * Ctrl-C, or the death of this JVM) stops everything.
 */
public final class LocalStack implements AutoCloseable {

    private static final List<String> DATABASES = List.of("articles", "comments");

    private final LocalStackConfig config;
    private final DataDirectory data;
    private final RunRecord runRecord;
    private final StackPorts ports;
    private final ModeratorCredentials moderator;
    private final PostgresServer postgres;
    private volatile KafkaBroker kafka;
    private final List<ServiceProcess> services; // replaced in place by restart(Service)
    private final ServiceEnvironment.Context serviceContext;
    private final String seedArticleId;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalStack(
            LocalStackConfig config,
            DataDirectory data,
            RunRecord runRecord,
            StackPorts ports,
            ModeratorCredentials moderator,
            PostgresServer postgres,
            KafkaBroker kafka,
            List<ServiceProcess> services,
            ServiceEnvironment.Context serviceContext,
            String seedArticleId) {
        this.config = config;
        this.data = data;
        this.runRecord = runRecord;
        this.ports = ports;
        this.moderator = moderator;
        this.postgres = postgres;
        this.kafka = kafka;
        this.services = Collections.synchronizedList(new ArrayList<>(services));
        this.serviceContext = serviceContext;
        this.seedArticleId = seedArticleId;
        this.shutdownHook = new Thread(this::close, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The exit code of a launcher given a wrong argument or setting (nothing was started). */
    static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        LocalStackConfig config;
        try {
            config = LocalStackConfig.fromCommandLine(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("[local-stack] " + e.getMessage());
            System.err.println(LocalStackConfig.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        LocalStack stack;
        try {
            stack = start(config);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("[local-stack] FAILED TO START: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(stack.banner());
        CountDownLatch forever = new CountDownLatch(1);
        try {
            forever.await(); // until Ctrl-C runs the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stack.close();
        }
    }

    /**
     * Starts Kafka and PostgreSQL, then (unless disabled) the services, waits until every part is
     * ready and seeds on first start. Anything started is stopped again when a later step fails.
     */
    public static LocalStack start(LocalStackConfig config) {
        DataDirectory data = DataDirectory.create(config.dataDirectory());
        // Before the ports are checked: a killed earlier run may still hold them.
        RunRecord runRecord = RunRecord.begin(data);
        Map<String, Integer> replicaPorts = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            for (int replica = 2; replica <= config.replicas(service); replica++) {
                replicaPorts.put(
                        ServiceProcess.instanceName(service, replica),
                        StackPorts.replicaPort(service.port(config.ports()), replica));
            }
        }
        StackPorts.Resolved resolved = config.ports().resolveWith(replicaPorts);
        StackPorts ports = resolved.ports();
        Map<Service, List<Integer>> instancePorts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            List<Integer> list = new ArrayList<>();
            list.add(service.port(ports));
            for (int replica = 2; replica <= config.replicas(service); replica++) {
                list.add(resolved.extra().get(ServiceProcess.instanceName(service, replica)));
            }
            instancePorts.put(service, List.copyOf(list));
        }
        ModeratorCredentials moderator = ModeratorCredentials.resolve(
                config.moderatorUser(), config.configuredModeratorPassword(), data.moderatorPasswordFile());
        SigningKey.ensure(data.signingKey());

        List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
        Thread cleanupOnExit = new Thread(() -> stopAll(started), "local-stack-startup-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        try {
            log("starting PostgreSQL on port " + ports.postgres());
            PostgresServer postgres =
                    PostgresServer.start(data.postgres(), ports.postgres(), data.log("postgres"), DATABASES);
            started.add(postgres);
            postgres.pid().flatMap(ProcessHandle::of).ifPresent(handle -> runRecord.add("postgres", handle));

            log("starting Kafka on port " + ports.kafka());
            KafkaBroker kafka = startKafka(data, ports, postgres, runRecord);
            started.add(kafka);

            List<ServiceProcess> services = new ArrayList<>();
            String seedArticleId = null;
            ServiceEnvironment.Context context = new ServiceEnvironment.Context(
                    ports,
                    config.gatewayAddress(),
                    kafka.bootstrapServers(),
                    postgres,
                    data,
                    moderator,
                    ProcessHandle.current().pid(),
                    config.serviceEnvironment(),
                    instancePorts);
            if (config.startServices()) {
                for (Service service : Service.values()) {
                    for (int replica = 1; replica <= config.replicas(service); replica++) {
                        String name = ServiceProcess.instanceName(service, replica);
                        log("starting " + name + " on port " + context.port(service, replica) + " (log: "
                                + data.log(name) + ")");
                        ServiceProcess process = startService(config, data, context, service, replica);
                        services.add(process);
                        runRecord.add(name, process.process().handle());
                        started.add(0, process); // services stop before Kafka and PostgreSQL
                    }
                }
                ServiceProcess.awaitReady(services, config.startupTimeout());
                if (config.seed()) {
                    seedArticleId = seed(data, ports, moderator);
                }
            }
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            return new LocalStack(
                    config, data, runRecord, ports, moderator, postgres, kafka, services, context, seedArticleId);
        } catch (RuntimeException e) {
            stopAll(started);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running and stops what was started
            }
            throw e;
        }
    }

    private static ServiceProcess startService(
            LocalStackConfig config,
            DataDirectory data,
            ServiceEnvironment.Context context,
            Service service,
            int replica) {
        return ServiceProcess.start(
                service,
                replica,
                config.repositoryDirectory(),
                config.serviceJvmOptions(),
                config.serviceArchives(),
                ServiceEnvironment.of(service, replica, context),
                config.repositoryDirectory(),
                data.log(ServiceProcess.instanceName(service, replica)));
    }

    private static KafkaBroker startKafka(
            DataDirectory data, StackPorts ports, PostgresServer postgres, RunRecord runRecord) {
        KafkaBroker kafka = KafkaBroker.start(
                data.kafka(),
                ports.kafka(),
                ports.kafkaController(),
                data.log("kafka"),
                postgres.pid().map(List::of).orElse(List.of()),
                Duration.ofSeconds(120));
        runRecord.add("kafka", kafka.process().handle());
        return kafka;
    }

    // --- fault injection, for the fault tests: crash and bring back single parts of a running stack ---

    /** Kills a running service (its first instance) at once (SIGKILL), as a crash would. */
    public void kill(Service service) {
        kill(service, 1);
    }

    /**
     * Kills one instance of a service at once (SIGKILL), as a crash would: no shutdown hook, no clean close.
     *
     * @param replica 1 for the first instance, up to {@link #replicas(Service)}
     */
    public synchronized void kill(Service service, int replica) {
        ServiceProcess running = running(service, replica);
        log("killing " + running.name() + " (SIGKILL, pid " + running.process().pid() + ")");
        running.kill();
    }

    /** Starts a killed or stopped service (its first instance) again; see {@link #restart(Service, int)}. */
    public void restart(Service service) {
        restart(service, 1);
    }

    /**
     * Starts a killed or stopped instance again, with the same port and environment, and waits until it is
     * ready.
     */
    public synchronized void restart(Service service, int replica) {
        ServiceProcess old = running(service, replica);
        old.close();
        log("restarting " + old.name());
        ServiceProcess fresh = startService(config, data, serviceContext, service, replica);
        services.set(services.indexOf(old), fresh);
        runRecord.add(fresh.name(), fresh.process().handle());
        ServiceProcess.awaitReady(List.of(fresh), config.startupTimeout());
    }

    /** How many instances of {@code service} this stack runs. */
    public int replicas(Service service) {
        return config.replicas(service);
    }

    /**
     * The processes of a service's instances, the first instance first (for crash tests and checks;
     * {@code destroyForcibly()} is SIGKILL on Linux). A killed instance's handle stays here until it is
     * restarted.
     */
    public List<ProcessHandle> processes(Service service) {
        synchronized (services) {
            return services.stream()
                    .filter(process -> process.service() == service)
                    .sorted(Comparator.comparingInt(ServiceProcess::replica))
                    .map(process -> process.process().handle())
                    .toList();
        }
    }

    /** The address of one instance of a service (on loopback; only the gateway's is meant for clients). */
    public URI serviceUrl(Service service, int replica) {
        if (replica < 1 || replica > config.replicas(service)) {
            throw new IllegalArgumentException(service.moduleName() + " has no replica " + replica);
        }
        return URI.create("http://127.0.0.1:" + serviceContext.port(service, replica));
    }

    /** Stops the broker (cleanly, like a rolling restart or an outage); the services keep running and retry. */
    public synchronized void stopKafka() {
        log("stopping Kafka");
        kafka.close();
    }

    /** Starts the broker again on the same ports and data, and waits until it answers. */
    public synchronized void startKafka() {
        if (kafka.process().isAlive()) {
            throw new IllegalStateException("Kafka is running");
        }
        log("starting Kafka again on port " + ports.kafka());
        kafka = startKafka(data, ports, postgres, runRecord);
    }

    private ServiceProcess running(Service service, int replica) {
        synchronized (services) {
            return services.stream()
                    .filter(process -> process.service() == service && process.replica() == replica)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            ServiceProcess.instanceName(service, replica) + " was not started by this stack"));
        }
    }

    private static String seed(DataDirectory data, StackPorts ports, ModeratorCredentials moderator) {
        Seeder seeder = new Seeder(gatewayUri(ports), data, moderator);
        if (seeder.alreadySeeded()) {
            return null;
        }
        log("first start: creating the seed article through the gateway");
        try {
            String id = seeder.seed();
            log("seed article created: " + gatewayUri(ports).resolve("/api/articles/" + id));
            return id;
        } catch (Exception e) {
            // The stack itself is fine; say so loudly and try again at the next start.
            System.err.println(
                    "[local-stack] SEEDING FAILED (the stack runs; the next start tries again): " + e.getMessage());
            return null;
        }
    }

    private static URI gatewayUri(StackPorts ports) {
        return URI.create("http://127.0.0.1:" + ports.gateway());
    }

    private static void stopAll(List<AutoCloseable> started) {
        List<AutoCloseable> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        // Services (added at the front) first, then Kafka, then PostgreSQL.
        List<AutoCloseable> services = new ArrayList<>();
        List<AutoCloseable> infrastructure = new ArrayList<>();
        for (AutoCloseable part : toStop) {
            (part instanceof ServiceProcess ? services : infrastructure).add(part);
        }
        services.parallelStream().forEach(LocalStack::closeQuietly);
        Collections.reverse(infrastructure);
        infrastructure.forEach(LocalStack::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("[local-stack] could not stop " + part + ": " + e.getMessage());
        }
    }

    private static void log(String message) {
        System.out.println("[local-stack] " + message);
    }

    /** Stops the services (in parallel), then Kafka, then PostgreSQL. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log("stopping");
        List<ServiceProcess> running;
        synchronized (services) {
            running = List.copyOf(services);
        }
        running.parallelStream().forEach(LocalStack::closeQuietly);
        closeQuietly(kafka);
        closeQuietly(postgres);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
        log("stopped");
    }

    String banner() {
        StringBuilder banner = new StringBuilder("\n");
        banner.append("==============================================================\n");
        banner.append(" Comment moderation is running\n");
        banner.append("   Gateway:        ").append(gatewayUrl()).append('\n');
        banner.append("   Metrics:        http://127.0.0.1:")
                .append(ports.gatewayManagement())
                .append("/actuator/prometheus\n");
        banner.append("   Moderator:      ").append(moderator.username()).append('\n');
        if (moderator.madeUp()) {
            banner.append("   Password:       ")
                    .append(moderator.password())
                    .append("  (made up at first start; kept in ")
                    .append(data.moderatorPasswordFile())
                    .append(")\n");
        }
        for (Service service : LocalStackConfig.REPLICABLE) {
            if (config.replicas(service) > 1) {
                banner.append("   ")
                        .append(String.format("%-16s", service.moduleName() + ":"))
                        .append(config.replicas(service))
                        .append(" instances on ports ")
                        .append(serviceContext.instancePorts().get(service))
                        .append(" (the gateway balances over them)\n");
            }
        }
        banner.append("   Data folder:    ").append(data.root()).append('\n');
        banner.append("   Logs:           ").append(data.logs()).append('\n');
        banner.append("   Kafka:          ").append(kafka.bootstrapServers()).append('\n');
        banner.append("   PostgreSQL:     ")
                .append(postgres.jdbcUrl("articles"))
                .append(", ")
                .append(postgres.jdbcUrl("comments"))
                .append('\n');
        banner.append(" Ctrl-C stops everything.\n");
        banner.append("==============================================================\n");
        return banner.toString();
    }

    public URI gatewayUrl() {
        String host = "0.0.0.0".equals(config.gatewayAddress()) || "::".equals(config.gatewayAddress())
                ? "127.0.0.1"
                : config.gatewayAddress();
        return URI.create("http://" + host + ":" + ports.gateway());
    }

    public String moderatorUser() {
        return moderator.username();
    }

    public String moderatorPassword() {
        return moderator.password();
    }

    public ModeratorCredentials moderator() {
        return moderator;
    }

    public StackPorts ports() {
        return ports;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public String databaseUsername() {
        return PostgresServer.USERNAME;
    }

    public String databasePassword() {
        return PostgresServer.PASSWORD;
    }

    public Path dataDirectory() {
        return data.root();
    }

    public Path logDirectory() {
        return data.logs();
    }

    public Path logFile(String part) {
        return data.log(part);
    }

    /** The id of the seed article when this start created it. */
    public Optional<String> seedArticleId() {
        return Optional.ofNullable(seedArticleId);
    }

    /** The processes this launcher started and still holds (for checks that nothing is left). */
    public List<ProcessHandle> childProcesses() {
        List<ProcessHandle> handles = new ArrayList<>();
        handles.add(kafka.process().handle());
        synchronized (services) {
            services.forEach(service -> handles.add(service.process().handle()));
        }
        return handles;
    }

    public Optional<Long> postgresPid() {
        return postgres.pid();
    }
}
