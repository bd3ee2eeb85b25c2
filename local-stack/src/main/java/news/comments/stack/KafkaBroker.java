package news.comments.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker (broker and controller in one) from the Apache Kafka jars, run
 * as a child JVM under {@link OrphanGuard}. Storage is formatted on first start only.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaBroker start(
            Path kafkaDirectory,
            int port,
            int controllerPort,
            Path logFile,
            List<Long> alsoStopWhenOrphaned,
            Duration timeout) {
        Path logDirectory = kafkaDirectory.resolve("logs");
        Path properties = kafkaDirectory.resolve("server.properties");
        writeProperties(properties, logDirectory, port, controllerPort);

        if (!Files.exists(logDirectory.resolve("meta.properties"))) {
            // Static quorum (controller.quorum.voters) rather than --standalone: the voter's address
            // then comes from the config at every start, so the ports may change between runs.
            ChildProcess.run(
                    "kafka storage format",
                    List.of(
                            Java.executable(),
                            "-cp",
                            Java.classPath(),
                            "kafka.tools.StorageTool",
                            "format",
                            "-t",
                            Uuid.randomUuid().toString(),
                            "-c",
                            properties.toString()),
                    kafkaDirectory,
                    logFile,
                    Duration.ofSeconds(60));
        }

        List<String> command = new ArrayList<>(List.of(
                Java.executable(),
                "-Xms256m",
                "-Xmx512m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.showThreadName=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "-cp",
                Java.classPath(),
                OrphanGuard.class.getName(),
                Long.toString(ProcessHandle.current().pid())));
        for (Long pid : alsoStopWhenOrphaned) {
            command.add("--also-stop");
            command.add(pid.toString());
        }
        command.add("kafka.Kafka");
        command.add(properties.toString());

        String bootstrapServers = "127.0.0.1:" + port;
        KafkaBroker broker = new KafkaBroker(
                ChildProcess.start("kafka", command, Map.of(), kafkaDirectory, logFile), bootstrapServers);
        try {
            broker.awaitReady(timeout);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private static void writeProperties(Path file, Path logDirectory, int port, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDirectory.toString());
        // Topics are created by the services (NewTopic beans) with the contract's partition count.
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("num.partitions", "6");
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        try {
            Files.createDirectories(logDirectory);
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(writer, "Written by the local stack at every start; edits are overwritten");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with code " + process.exitValue()
                            + " before it was ready; see " + process.logFile());
                }
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes()
                            .get(6, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // the broker is still starting
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "Kafka was not ready after " + timeout.toSeconds() + " s; see " + process.logFile());
                }
                sleep(250);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
