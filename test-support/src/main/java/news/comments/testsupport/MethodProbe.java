package news.comments.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls one path with every HTTP method, the way a probe looks for a method an access rule forgot
 * (HEAD answered by the GET handler, OPTIONS, PATCH...). Bodies are "{}" as JSON where a method carries one.
 */
public final class MethodProbe {

    public static final List<String> METHODS = List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private MethodProbe() {}

    /** One answer; {@code body} is empty for HEAD. */
    public record Answer(String method, String path, int status, String contentType, String body) {

        @Override
        public String toString() {
            return method + " " + path + " -> " + status + " " + contentType + " " + body;
        }
    }

    /** {@code path} under {@code base} with every method in {@link #METHODS}; {@code token} may be null. */
    public static List<Answer> everyMethod(URI base, String path, String token) {
        List<Answer> answers = new ArrayList<>();
        for (String method : METHODS) {
            answers.add(call(base, method, path, token));
        }
        return answers;
    }

    public static Answer call(URI base, String method, String path, String token) {
        boolean hasBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        var request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        hasBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (hasBody) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    method,
                    path,
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
