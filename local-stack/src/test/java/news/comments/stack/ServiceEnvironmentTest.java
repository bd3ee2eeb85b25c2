package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private static final DataDirectory DATA = new DataDirectory(Path.of("/data"));

    @Test
    void eachReplicaHasItsOwnPortAndModerationItsOwnStateFolder() {
        ServiceEnvironment.Context context = context(List.of(8082, 8182), List.of(8083, 8183));

        assertThat(context.port(Service.COMMENT, 2)).isEqualTo(8182);
        Map<String, String> first = ServiceEnvironment.of(Service.MODERATION, 1, context);
        Map<String, String> second = ServiceEnvironment.of(Service.MODERATION, 2, context);
        assertThat(first)
                .containsEntry("SERVER_PORT", "8083")
                .containsEntry(
                        "SPRING_KAFKA_STREAMS_STATE_DIR",
                        Path.of("/data/streams").toString());
        assertThat(second)
                .containsEntry("SERVER_PORT", "8183")
                .containsEntry(
                        "SPRING_KAFKA_STREAMS_STATE_DIR",
                        Path.of("/data/streams-2").toString());
    }

    @Test
    void theGatewayBalancesOverTheReplicasOfAService() {
        Map<String, String> gateway =
                ServiceEnvironment.of(Service.GATEWAY, 1, context(List.of(8082, 8182), List.of(8083)));

        assertThat(gateway)
                .containsEntry("COMMENTS_GATEWAY_COMMENT_SERVICE_URI", "lb://comment-service")
                .containsEntry("COMMENTS_GATEWAY_MODERATION_SERVICE_URI", "http://127.0.0.1:8083")
                .containsEntry("COMMENTS_GATEWAY_ARTICLE_SERVICE_URI", "http://127.0.0.1:8081")
                .containsEntry(
                        "SPRING_APPLICATION_JSON",
                        "{\"spring\":{\"cloud\":{\"discovery\":{\"client\":{\"simple\":{\"instances\":{"
                                + "\"comment-service\":[{\"uri\":\"http://127.0.0.1:8082\"},"
                                + "{\"uri\":\"http://127.0.0.1:8182\"}]}}}}}}}");
    }

    @Test
    void withOneInstanceEachTheGatewayCallsItDirectly() {
        Map<String, String> gateway = ServiceEnvironment.of(Service.GATEWAY, 1, context(List.of(8082), List.of(8083)));

        assertThat(gateway)
                .containsEntry("COMMENTS_GATEWAY_COMMENT_SERVICE_URI", "http://127.0.0.1:8082")
                .containsEntry("COMMENTS_GATEWAY_MODERATION_SERVICE_URI", "http://127.0.0.1:8083")
                .doesNotContainKey("SPRING_APPLICATION_JSON");
    }

    private static ServiceEnvironment.Context context(List<Integer> comment, List<Integer> moderation) {
        return new ServiceEnvironment.Context(
                StackPorts.defaults(),
                "127.0.0.1",
                "127.0.0.1:9092",
                null,
                DATA,
                new ModeratorCredentials("moderator", "secret", false),
                1L,
                Map.of(),
                Map.of(
                        Service.ARTICLE,
                        List.of(8081),
                        Service.COMMENT,
                        comment,
                        Service.MODERATION,
                        moderation,
                        Service.GATEWAY,
                        List.of(8080)));
    }
}
