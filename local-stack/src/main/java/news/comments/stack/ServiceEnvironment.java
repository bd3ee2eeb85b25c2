package news.comments.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The environment of each service process: the standard Spring overrides of docs/conventions.md,
 * pointing every service at the local broker, database and gateway.
 */
final class ServiceEnvironment {

    private ServiceEnvironment() {}

    record Context(
            StackPorts ports,
            String gatewayAddress,
            String kafkaBootstrapServers,
            PostgresServer postgres,
            DataDirectory data,
            ModeratorCredentials moderator,
            long launcherPid,
            Map<String, String> extra,
            Map<Service, List<Integer>> instancePorts) {

        /** The port of replica {@code replica} (1 is the first) of {@code service}. */
        int port(Service service, int replica) {
            return instancePorts.get(service).get(replica - 1);
        }
    }

    static Map<String, String> of(Service service, int replica, Context context) {
        Map<String, String> env = new LinkedHashMap<>();
        int port = context.port(service, replica);
        env.put("SERVER_PORT", Integer.toString(port));
        // Only the gateway is meant to be reached; the others listen on loopback.
        env.put("SERVER_ADDRESS", service == Service.GATEWAY ? context.gatewayAddress() : "127.0.0.1");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", context.kafkaBootstrapServers());
        env.put(
                "COMMENTS_SECURITY_JWK_SET_URI",
                "http://127.0.0.1:" + context.ports().gateway() + "/.well-known/jwks.json");
        env.put("COMMENTS_PARENT_PID", Long.toString(context.launcherPid()));
        service.database().ifPresent(database -> {
            env.put("SPRING_DATASOURCE_URL", context.postgres().jdbcUrl(database));
            env.put("SPRING_DATASOURCE_USERNAME", PostgresServer.USERNAME);
            env.put("SPRING_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        });
        switch (service) {
            case MODERATION ->
                env.put(
                        "SPRING_KAFKA_STREAMS_STATE_DIR",
                        context.data().streams(replica).toString());
            case GATEWAY -> {
                env.put("GATEWAY_PORT", Integer.toString(port));
                // Actuator (metrics, full health) on its own port, always on loopback.
                env.put(
                        "MANAGEMENT_SERVER_PORT",
                        Integer.toString(context.ports().gatewayManagement()));
                env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
                env.put(
                        "COMMENTS_GATEWAY_ARTICLE_SERVICE_URI",
                        "http://127.0.0.1:" + context.ports().articleService());
                env.put("COMMENTS_GATEWAY_COMMENT_SERVICE_URI", serviceUri(Service.COMMENT, context));
                env.put("COMMENTS_GATEWAY_MODERATION_SERVICE_URI", serviceUri(Service.MODERATION, context));
                String instances = balancedInstances(context);
                if (!instances.isEmpty()) {
                    env.put("SPRING_APPLICATION_JSON", instances);
                }
                env.put("MODERATOR_USER", context.moderator().username());
                env.put("MODERATOR_PASSWORD", context.moderator().password());
                env.put(
                        "COMMENTS_AUTH_SIGNING_KEY_LOCATION",
                        "file:" + context.data().signingKey());
            }
            default -> {
                // article-service and comment-service need only the common settings
            }
        }
        env.putAll(context.extra());
        return env;
    }

    /**
     * Where the gateway sends a service's calls: the one instance's address, or {@code lb://<service>}
     * (Spring Cloud LoadBalancer over the instances of {@link #balancedInstances}) when it has replicas.
     */
    static String serviceUri(Service service, Context context) {
        List<Integer> ports = context.instancePorts().get(service);
        return ports.size() == 1 ? "http://127.0.0.1:" + ports.get(0) : "lb://" + service.moduleName();
    }

    /**
     * The static instance lists of the services with replicas, as the JSON of SPRING_APPLICATION_JSON
     * ({@code spring.cloud.discovery.client.simple.instances.<service>[i].uri}): an environment variable of
     * its own per instance would lose the dash in the service's name, a map key. Empty when none has replicas.
     */
    static String balancedInstances(Context context) {
        String services = context.instancePorts().entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .map(entry -> "\"" + entry.getKey().moduleName() + "\":["
                        + entry.getValue().stream()
                                .map(port -> "{\"uri\":\"http://127.0.0.1:" + port + "\"}")
                                .collect(Collectors.joining(","))
                        + "]")
                .collect(Collectors.joining(","));
        return services.isEmpty()
                ? ""
                : "{\"spring\":{\"cloud\":{\"discovery\":{\"client\":{\"simple\":{\"instances\":{" + services
                        + "}}}}}}}";
    }
}
