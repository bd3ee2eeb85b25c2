package news.comments.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.comments.testsupport.contract.OpenApiContract;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public HTTP API, called the way any client would: plain HTTP and JSON. Every request this class
 * sends and every answer it gets is checked against the contract, {@code docs/openapi.yaml}: a drift
 * between the system and its contract fails the test that saw it. Hostile requests ({@link #exchange})
 * are off-contract on purpose, so only their answers are checked.
 */
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
    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();

    private final HttpClient http;
    private final URI gateway;
    private final boolean checkRequests;

    Api(URI gateway) {
        // HTTP/1.1 like a browser: the JDK client's default h2c upgrade attempt can stall against a
        // server without h2c (reactor-netty here) and made requests time out at random.
        this(
                gateway,
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build(),
                true);
    }

    private Api(URI gateway, HttpClient http, boolean checkRequests) {
        this.gateway = gateway;
        this.http = http;
        this.checkRequests = checkRequests;
    }

    /** The same client for requests that break the contract on purpose; the answers are still checked. */
    Api invalidRequests() {
        return new Api(gateway, http, false);
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
        return send(request(path, null).GET(), null, checkRequests);
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET(), null, checkRequests);
    }

    Reply put(String path, Object body, String token) {
        String json = JSON.writeValueAsString(body);
        return send(
                request(path, token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)),
                json,
                checkRequests);
    }

    Reply post(String path, Object body, String token) {
        return post(path, body, token, Map.of());
    }

    /** A POST with {@code body} as JSON, or with no body at all when it is null. */
    Reply post(String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token);
        String json = null;
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            json = JSON.writeValueAsString(body);
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        headers.forEach(request::header);
        return send(request, json, checkRequests);
    }

    /** Sends a request exactly as built (any method, headers and raw body); for hostile-input tests. */
    Reply exchange(HttpRequest.Builder request) {
        return send(request, null, false);
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

    private Reply send(HttpRequest.Builder builder, String body, boolean onContract) {
        HttpRequest request = builder.build();
        URI uri = request.uri();
        List<String> violations = new ArrayList<>();
        if (onContract) {
            violations.addAll(CONTRACT.requestViolations(
                    request.method(),
                    uri.getRawPath(),
                    uri.getRawQuery(),
                    name -> request.headers().firstValue(name),
                    body));
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            violations.addAll(CONTRACT.responseViolations(
                    request.method(),
                    uri.getRawPath(),
                    response.statusCode(),
                    name -> response.headers().firstValue(name),
                    response.body()));
            if (!violations.isEmpty()) {
                throw new AssertionError("Off the contract (docs/openapi.yaml): " + String.join("; ", violations));
            }
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
