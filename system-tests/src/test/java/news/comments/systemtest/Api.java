package news.comments.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public HTTP API of API.md, called the way any client would: plain HTTP and JSON. */
final class Api {

    record Reply(int status, HttpResponse<String> response, JsonNode body) {

        String text(String field) {
            return body.path(field).asString("");
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + response.body();
        }
    }

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http;
    private final URI gateway;

    Api(URI gateway) {
        this.gateway = gateway;
        // HTTP/1.1 like a browser: the JDK client's default h2c upgrade attempt can stall against a
        // server without h2c (reactor-netty here) and made requests time out at random.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    URI gateway() {
        return gateway;
    }

    String moderatorToken(String username, String password) {
        Reply reply = post("/api/auth/token", Map.of("username", username, "password", password), null);
        if (reply.status() != 200) {
            throw new IllegalStateException("Moderator login failed: " + reply);
        }
        return reply.text("access_token");
    }

    Reply get(String path) {
        return send(request(path, null).GET());
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    Reply put(String path, Object body, String token) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Reply post(String path, Object body, String token) {
        return post(path, body, token, Map.of());
    }

    Reply post(String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request);
    }

    /** Sends a request exactly as built (any method, headers and raw body); for hostile-input tests. */
    Reply exchange(HttpRequest.Builder request) {
        return send(request);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response, parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }
}
