package news.comments.stack;

import java.util.LinkedHashMap;
import java.util.Map;

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
            Map<String, String> extra) {}

    static Map<String, String> of(Service service, Context context) {
        Map<String, String> env = new LinkedHashMap<>();
        int port = service.port(context.ports());
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
                        context.data().streams().toString());
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
                env.put(
                        "COMMENTS_GATEWAY_COMMENT_SERVICE_URI",
                        "http://127.0.0.1:" + context.ports().commentService());
                env.put(
                        "COMMENTS_GATEWAY_MODERATION_SERVICE_URI",
                        "http://127.0.0.1:" + context.ports().moderationService());
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
}
