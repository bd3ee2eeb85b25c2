package news.comments.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal JSON client of the gateway's public API (the seed goes in the way a user would). */
final class GatewayClient {

    record Response(int status, JsonNode body, String raw) {
        String text(String field) {
            return body.path(field).asString("");
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.shared();
    private final URI base;
    private volatile String token;

    GatewayClient(URI base) {
        this.base = base;
    }

    void useToken(String token) {
        this.token = token;
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, Map<String, ?> body) {
        return post(path, body, Map.of());
    }

    Response post(String path, Map<String, ?> body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body() == null ? "" : response.body();
            JsonNode body = raw.isBlank() ? json.createObjectNode() : parse(raw);
            return new Response(response.statusCode(), body, raw);
        } catch (IOException e) {
            throw new IllegalStateException("The gateway at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the gateway", e);
        }
    }

    private JsonNode parse(String raw) {
        try {
            return json.readTree(raw);
        } catch (RuntimeException notJson) {
            return json.createObjectNode();
        }
    }
}
