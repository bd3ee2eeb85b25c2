package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused by the HTTP decoder before any filter runs (headers or request line over the
 * limit, unreadable requests) get problem+json with the security headers, and a short log line.
 * Sent over a raw socket: a client library would refuse to send most of them.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpDecoderRefusalTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayIntegrationTest.routeEveryServiceToAClosedPort(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aHeaderOverTheLimitGets431Problem() throws IOException {
        Answer answer =
                send("GET /api/articles HTTP/1.1\r\nHost: x\r\nIdempotency-Key: " + "k".repeat(9000) + "\r\n\r\n");

        answer.assertProblem(431, "/problems/request-header-fields-too-large");
    }

    @Test
    void twoThousandHeadersGet431ProblemAndOneShortLogLine(CapturedOutput output) throws IOException {
        StringBuilder request = new StringBuilder("POST /api/articles/a-1/comments HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 2000; i++) {
            request.append("X-Header-").append(i).append(": v\r\n");
        }
        Answer answer = send(request.append("\r\n").toString());

        answer.assertProblem(431, "/problems/request-header-fields-too-large");
        List<String> logged = output.getAll()
                .lines()
                .filter(line -> line.contains("Decoding failed"))
                .toList();
        assertThat(logged).singleElement().satisfies(line -> assertThat(line).hasSizeLessThan(500));
    }

    @Test
    void aRequestLineOverTheLimitGets414Problem() throws IOException {
        Answer answer = send("GET /api/articles?q=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        answer.assertProblem(414, "/problems/uri-too-long");
    }

    @Test
    void anUnreadableRequestGets400Problem() throws IOException {
        Answer answer = send("GET /api/articles HTTP/1.1\r\nHost: x\r\nBad Header Name: v\r\n\r\n");

        answer.assertProblem(400, "/problems/invalid-request");
    }

    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
                if (Answer.isComplete(all.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
            return Answer.parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    record Answer(int status, List<String> headers, String body) {

        static boolean isComplete(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            String length = Arrays.stream(raw.substring(0, end).split("\r\n"))
                    .filter(line -> line.toLowerCase().startsWith("content-length:"))
                    .map(line -> line.substring(15).trim())
                    .findFirst()
                    .orElse("0");
            return raw.length() >= end + 4 + Integer.parseInt(length);
        }

        static Answer parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            List<String> lines = List.of(raw.substring(0, end).split("\r\n"));
            return new Answer(
                    Integer.parseInt(lines.get(0).split(" ")[1]),
                    lines.subList(1, lines.size()),
                    raw.substring(end + 4));
        }

        String header(String name) {
            return this.headers.stream()
                    .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).trim())
                    .findFirst()
                    .orElse(null);
        }

        void assertProblem(int expected, String type) {
            assertThat(this.status).isEqualTo(expected);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            assertThat(header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(header("Content-Security-Policy")).contains("frame-ancestors 'none'");
            JsonNode body = JsonMapper.shared().readTree(this.body);
            assertThat(body.get("type").asString()).isEqualTo(type);
            assertThat(body.get("status").asInt()).isEqualTo(expected);
            assertThat(body.get("detail").asString()).isNotBlank();
        }
    }
}
