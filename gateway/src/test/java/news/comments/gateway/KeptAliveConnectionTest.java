package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One kept-alive connection keeps being read. A request that arrives while the one before it is
 * still being answered waits in reactor-netty's pipelining queue together with its body; when it is
 * then answered before that body is read (the path firewall, a rate limit, a refused token), the
 * queue is left holding only the body. reactor-netty up to 1.3.7 then stopped reading the
 * connection: the client's next request was never answered (the system tests' random "no answer
 * within 30 s"). Sent over a raw socket so the requests can be written back to back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeptAliveConnectionTest {

    static final StubServices STUBS = StubServices.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        STUBS.routeTo(registry);
    }

    @AfterAll
    static void stopStubs() {
        STUBS.close();
    }

    @LocalServerPort
    int port;

    @Test
    void theNextRequestIsAnsweredAfterAQueuedRequestWasRefusedBeforeItsBody() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int round = 0; round < 3; round++) {
                // A goes to a service (answered later); B arrives meanwhile and is refused by the firewall.
                String body = "{\"author\":\"a\",\"text\":\"b\"}";
                write(
                        out,
                        "GET /api/articles/a-1 HTTP/1.1\r\nHost: x\r\n\r\n"
                                + "POST /api/articles/%5Cu0000/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
                assertThat(readStatus(in)).as("A, round %d", round).isEqualTo(200);
                assertThat(readStatus(in)).as("B, round %d", round).isEqualTo(400);

                write(out, "GET /api/articles/%5Cu0000 HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(readStatus(in))
                        .as("the request after them, round %d", round)
                        .isEqualTo(400);
            }
        }
    }

    private static void write(OutputStream out, String requests) throws IOException {
        out.write(requests.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one whole response (headers and Content-Length body) and returns its status. */
    private static int readStatus(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(lines[0].split(" ")[1]);
    }
}
