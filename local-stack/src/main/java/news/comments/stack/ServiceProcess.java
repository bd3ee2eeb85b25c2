package news.comments.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One running Spring Boot service and the way to tell that it is ready. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(6);

    private final Service service;
    private final int replica;
    private final ChildProcess process;
    private final URI readiness;

    private ServiceProcess(Service service, int replica, ChildProcess process, int port) {
        this.service = service;
        this.replica = replica;
        this.process = process;
        this.readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    /**
     * The name of one instance, in logs, the log file's name and the processes file: the module's name for
     * the first, {@code <module>-<n>} for replica n of more.
     */
    static String instanceName(Service service, int replica) {
        return replica == 1 ? service.moduleName() : service.moduleName() + "-" + replica;
    }

    static ServiceProcess start(
            Service service,
            int replica,
            Path repositoryDirectory,
            List<String> jvmOptions,
            Path archives,
            Map<String, String> environment,
            Path workingDirectory,
            Path logFile) {
        Path jar = service.jar(repositoryDirectory);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ". Build it first: ./mvnw -DskipTests package"
                    + " (or set COMMENTS_REPO_DIR to the repository folder)");
        }
        List<String> command = new ArrayList<>();
        command.add(Java.executable());
        command.addAll(jvmOptions);
        command.addAll(ClassArchive.launchArguments(
                service,
                repositoryDirectory,
                archives,
                Runtime.version().feature(),
                note -> System.out.println("[local-stack] " + note)));
        // Actuator is on the management port where one is set (the gateway), else on the service's port.
        int port = Integer.parseInt(environment.getOrDefault("MANAGEMENT_SERVER_PORT", environment.get("SERVER_PORT")));
        return new ServiceProcess(
                service,
                replica,
                ChildProcess.start(instanceName(service, replica), command, environment, workingDirectory, logFile),
                port);
    }

    /** Waits for all services together (they start in parallel) and names the first that fails. */
    static void awaitReady(List<ServiceProcess> services, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (var iterator = waiting.iterator(); iterator.hasNext(); ) {
                ServiceProcess service = iterator.next();
                if (!service.process.isAlive()) {
                    throw new IllegalStateException(service.name() + " exited with code " + service.process.exitValue()
                            + " before it was ready; see " + service.process.logFile());
                }
                if (service.isReady(client)) {
                    System.out.println("[local-stack] " + service.name() + " is ready");
                    iterator.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                ServiceProcess late = waiting.get(0);
                throw new IllegalStateException(late.name() + " was not ready after " + timeout.toSeconds() + " s; see "
                        + late.process.logFile());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the services", e);
            }
        }
    }

    private boolean isReady(HttpClient client) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(readiness)
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception notYet) {
            return false;
        }
    }

    String name() {
        return instanceName(service, replica);
    }

    Service service() {
        return service;
    }

    int replica() {
        return replica;
    }

    ChildProcess process() {
        return process;
    }

    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
