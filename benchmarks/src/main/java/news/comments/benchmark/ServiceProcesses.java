package news.comments.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import news.comments.stack.DataDirectory;
import news.comments.stack.LocalStack;
import news.comments.stack.Service;
import news.comments.stack.StackPorts;

/**
 * The four services of one variant, started by the harness itself rather than by local-stack, so that it
 * can choose their JDK and JVM options. Each gets the environment local-stack's {@code ServiceEnvironment}
 * gives it (keep the two in step), pointed at the broker and database of a stack started without services.
 */
final class ServiceProcesses implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT =
            Duration.ofMinutes(20); // a machine busy with other work starts four JVMs slowly
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private record Running(Service service, Process process, URI readiness, Path log) {}

    private final List<Running> running;

    private ServiceProcesses(List<Running> running) {
        this.running = running;
    }

    static ServiceProcesses start(LocalStack stack, Variant variant, Path snapshot) {
        List<Running> running = new ArrayList<>();
        ServiceProcesses services = new ServiceProcesses(running);
        try {
            for (Service service : Service.values()) {
                Map<String, String> env = environment(service, stack, variant);
                List<String> command = new ArrayList<>();
                command.add(variant.javaExecutable().toString());
                command.addAll(variant.jvmOptions());
                command.add("-jar");
                command.add(JarSnapshot.jar(snapshot, service.moduleName()).toString());
                Path log = stack.logFile(service.moduleName());
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(snapshot.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().putAll(env);
                System.out.println(
                        "[bench] " + variant.name() + ": starting " + service.moduleName() + " (log: " + log + ")");
                int actuatorPort = Integer.parseInt(env.getOrDefault("MANAGEMENT_SERVER_PORT", env.get("SERVER_PORT")));
                running.add(new Running(
                        service,
                        builder.start(),
                        URI.create("http://127.0.0.1:" + actuatorPort + "/actuator/health/readiness"),
                        log));
            }
            services.awaitReady();
            return services;
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot start a service of " + variant.name(), e);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** local-stack's ServiceEnvironment, for a stack whose services the harness starts. */
    private static Map<String, String> environment(Service service, LocalStack stack, Variant variant) {
        StackPorts ports = stack.ports();
        DataDirectory data = new DataDirectory(stack.dataDirectory());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(port(service, ports)));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        env.put("COMMENTS_SECURITY_JWK_SET_URI", "http://127.0.0.1:" + ports.gateway() + "/.well-known/jwks.json");
        env.put("COMMENTS_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        service.database().ifPresent(database -> {
            env.put("SPRING_DATASOURCE_URL", stack.jdbcUrl(database));
            env.put("SPRING_DATASOURCE_USERNAME", stack.databaseUsername());
            env.put("SPRING_DATASOURCE_PASSWORD", stack.databasePassword());
        });
        switch (service) {
            case MODERATION ->
                env.put("SPRING_KAFKA_STREAMS_STATE_DIR", data.streams().toString());
            case GATEWAY -> {
                env.put("GATEWAY_PORT", Integer.toString(ports.gateway()));
                env.put("MANAGEMENT_SERVER_PORT", Integer.toString(ports.gatewayManagement()));
                env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
                env.put("COMMENTS_GATEWAY_ARTICLE_SERVICE_URI", "http://127.0.0.1:" + ports.articleService());
                env.put("COMMENTS_GATEWAY_COMMENT_SERVICE_URI", "http://127.0.0.1:" + ports.commentService());
                env.put("COMMENTS_GATEWAY_MODERATION_SERVICE_URI", "http://127.0.0.1:" + ports.moderationService());
                env.put("MODERATOR_USER", stack.moderatorUser());
                env.put("MODERATOR_PASSWORD", stack.moderatorPassword());
                env.put("COMMENTS_AUTH_SIGNING_KEY_LOCATION", "file:" + data.signingKey());
            }
            default -> {
                // article-service and comment-service need only the common settings
            }
        }
        env.putAll(variant.environment());
        return env;
    }

    static int port(Service service, StackPorts ports) {
        return switch (service) {
            case ARTICLE -> ports.articleService();
            case COMMENT -> ports.commentService();
            case MODERATION -> ports.moderationService();
            case GATEWAY -> ports.gateway();
        };
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        List<Running> waiting = new ArrayList<>(running);
        while (!waiting.isEmpty()) {
            for (var iterator = waiting.iterator(); iterator.hasNext(); ) {
                Running service = iterator.next();
                if (!service.process().isAlive()) {
                    throw new IllegalStateException(service.service().moduleName() + " exited with code "
                            + service.process().exitValue() + " before it was ready; see " + service.log());
                }
                if (ready(client, service.readiness())) {
                    iterator.remove();
                }
            }
            if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        waiting.get(0).service().moduleName() + " was not ready after " + STARTUP_TIMEOUT.toMinutes()
                                + " minutes; see " + waiting.get(0).log());
            }
            GatewayApi.sleep(500);
        }
    }

    private static boolean ready(HttpClient client, URI readiness) {
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
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Process id by module name. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        running.forEach(service ->
                pids.put(service.service().moduleName(), service.process().pid()));
        return pids;
    }

    /** SIGTERM to all at once (a clean Spring shutdown), then SIGKILL to what is left. */
    @Override
    public void close() {
        running.forEach(service -> service.process().destroy());
        for (Running service : running) {
            try {
                if (!service.process().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    service.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                service.process().destroyForcibly();
            }
        }
    }
}
