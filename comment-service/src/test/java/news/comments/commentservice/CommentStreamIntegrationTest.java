package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;

class CommentStreamIntegrationTest extends IntegrationTestBase {

    @Test
    void streamsOverTheInstanceCapAre503AndAClosedStreamFreesItsPlace() throws Exception {
        UUID articleId = openArticle();
        await().atMost(Duration.ofSeconds(30)).until(() -> watchersGauge() == 0.0);
        List<HttpResponse<Stream<String>>> streams = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAMS; i++) {
                streams.add(openStream(articleId));
            }

            HttpResponse<String> refused = get(streamPath(articleId), "Accept", "text/event-stream");
            assertProblem(refused, 503);
            assertThat(json(refused).get("type").asString()).isEqualTo("/problems/service-busy");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");

            streams.remove(0).body().close();
            // the heartbeat finds the closed connection and frees its place
            await().atMost(Duration.ofSeconds(30)).until(() -> watchersGauge() == MAX_STREAMS - 1);
            streams.add(openStream(articleId));
            assertThat(watchersGauge()).isEqualTo(MAX_STREAMS);
        } finally {
            streams.forEach(stream -> stream.body().close());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> watchersGauge() == 0.0);
    }

    @Test
    void theStreamFanOutLeavesNoConsumerGroupOnTheBroker() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            List<String> groups = admin.listGroups().all().get().stream()
                    .map(GroupListing::groupId)
                    .toList();
            // the service's one shared group, and nothing per instance
            assertThat(groups).containsOnly("comment-service");
        }
    }

    private HttpResponse<Stream<String>> openStream(UUID articleId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(streamPath(articleId)))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static String streamPath(UUID articleId) {
        return "/api/articles/" + articleId + "/comments/stream";
    }
}
