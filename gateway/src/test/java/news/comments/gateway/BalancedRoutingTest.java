package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Services with replicas: routes to {@code lb://<service>} over a static instance list. comment-service
 * has two instances with health checks (one of them goes away during a test); moderation-service has a
 * live instance and one whose port refuses connections, with health checks off, so every other call
 * picks the dead one: GETs and writes are retried on the next instance (a refused connection sent nothing).
 * article-service has an instance that fails its checks and one that accepts connections and hangs up at once:
 * a write whose connection was made is never retried.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "comments.gateway.rate-limit.sign-in.requests=1000",
            "comments.gateway.comment-service-uri=lb://comment-service",
            "comments.gateway.moderation-service-uri=lb://moderation-service",
            // An empty path turns the health check off for that service: the dead instance stays listed.
            "spring.cloud.loadbalancer.health-check.path.moderation-service=",
            // article-service's only instance fails every check (its probe answers 503): it is used all the same.
            "comments.gateway.article-service-uri=lb://article-service",
            "spring.cloud.loadbalancer.health-check.path.article-service=" + StubDownstream.PROBLEM_PATH
        })
class BalancedRoutingTest {

    static final String PASSWORD = "balanced";

    static final StubDownstream FIRST = new StubDownstream("comment-service-1");

    static final StubDownstream SECOND = new StubDownstream("comment-service-2");

    static final StubDownstream MODERATION = new StubDownstream("moderation-service-1");

    static final StubDownstream ARTICLES = new StubDownstream("article-service");

    static final HangingUpPort HANGING_UP = new HangingUpPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String instances = "spring.cloud.discovery.client.simple.instances.";
        registry.add(instances + "article-service[0].uri", ARTICLES::uri);
        registry.add(instances + "article-service[1].uri", () -> "http://127.0.0.1:" + HANGING_UP.port());
        registry.add(instances + "comment-service[0].uri", FIRST::uri);
        registry.add(instances + "comment-service[1].uri", SECOND::uri);
        registry.add(
                instances + "moderation-service[0].uri",
                () -> "http://127.0.0.1:" + GatewayIntegrationTest.closedPort());
        registry.add(instances + "moderation-service[1].uri", MODERATION::uri);
        registry.add("comments.auth.moderator.username", () -> "mod");
        registry.add("comments.auth.moderator.password", () -> PASSWORD);
    }

    @AfterAll
    static void stopStubs() {
        FIRST.close();
        SECOND.close();
        MODERATION.close();
        ARTICLES.close();
        HANGING_UP.close();
    }

    @LocalServerPort
    int port;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        this.http = new GatewayHttp(this.port);
    }

    @Test
    void callsToAnInstanceThatRefusesConnectionsGoToTheNextInstanceWritesToo() {
        HttpResponse<String> token =
                this.http.post("/api/auth/token", "{\"username\":\"mod\",\"password\":\"" + PASSWORD + "\"}", null);
        String moderator = GatewayHttp.json(token).get("access_token").asString();
        MODERATION.drain();

        // Fewer than the breaker's minimum number of calls: what is seen here is the balancer's doing.
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reads.add(this.http.get("/api/moderation/rules", moderator).statusCode());
        }
        List<Integer> writes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writes.add(this.http
                    .post("/api/moderation/comments/c-" + i + "/decisions", "{\"decision\":\"APPROVED\"}", moderator)
                    .statusCode());
        }

        List<StubDownstream.Recorded> reached = MODERATION.drain();
        long writesReached =
                reached.stream().filter(call -> call.method().equals("POST")).count();
        assertThat(reads)
                .as("reads: the dead instance's turns are retried on the live one")
                .containsOnly(200);
        assertThat(writes)
                .as(
                        "writes: the dead instance's turns are retried on the live one (the refused connection sent nothing)")
                .containsOnly(200);
        assertThat(writesReached)
                .as("each write reached the live instance once")
                .isEqualTo(4);
    }

    @Test
    void aWriteWhoseConnectionWasMadeIsNeverRetried() {
        HttpResponse<String> token =
                this.http.post("/api/auth/token", "{\"username\":\"mod\",\"password\":\"" + PASSWORD + "\"}", null);
        String moderator = GatewayHttp.json(token).get("access_token").asString();
        ARTICLES.drain();
        int hungUpBefore = HANGING_UP.posts();

        List<Integer> writes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writes.add(this.http
                    .post("/api/articles", "{\"title\":\"t" + i + "\",\"body\":\"b\"}", moderator)
                    .statusCode());
        }

        long reachedLive = ARTICLES.drain().stream()
                .filter(call -> call.method().equals("POST"))
                .count();
        int hungUp = HANGING_UP.posts() - hungUpBefore;
        assertThat(writes)
                .as("the turns of the instance that hung up fail, the others reach the live one")
                .containsExactlyInAnyOrder(200, 200, 503, 503);
        assertThat(hungUp)
                .as("each failed write arrived once (its health checks come too, as GETs): never sent again")
                .isEqualTo(2);
        assertThat(reachedLive)
                .as("a failed write is not sent to the live instance either")
                .isEqualTo(2);
    }

    /** Accepts every connection, reads what arrives for a moment, and closes it without an answer; counts POSTs. */
    static final class HangingUpPort implements AutoCloseable {

        private final java.net.ServerSocket socket;
        private final java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();

        HangingUpPort() {
            try {
                socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            } catch (java.io.IOException ex) {
                throw new IllegalStateException(ex);
            }
            Thread acceptor = new Thread(this::hangUpOnEveryone, "hanging-up-port");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int posts() {
            return posts.get();
        }

        private void hangUpOnEveryone() {
            while (!socket.isClosed()) {
                try (java.net.Socket client = socket.accept()) {
                    client.setSoTimeout(200);
                    byte[] start = client.getInputStream().readNBytes(5);
                    if (new String(start, java.nio.charset.StandardCharsets.US_ASCII).equals("POST ")) {
                        posts.incrementAndGet();
                    }
                } catch (java.io.IOException closedOrTimedOut) {
                    // hung up either way
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (java.io.IOException ignored) {
                // closing
            }
        }
    }

    @Test
    void callsTakeTurnsAndAnInstanceThatGoesAwayStopsGettingThemWithinSeconds() {
        Map<String, Long> answeredBy = answeredBy(20);
        assertThat(answeredBy).as("both instances answer").containsOnlyKeys("comment-service-1", "comment-service-2");

        SECOND.close();

        // Reads at once: a read that cannot connect is retried and goes to the next instance.
        assertThat(answeredBy(10))
                .as("reads right after one instance went away")
                .containsOnlyKeys("comment-service-1");
        // Writes once its health check failed: every one reaches the instance that is left.
        await("the gone instance to be out of the list")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    for (int i = 0; i < 6; i++) {
                        HttpResponse<String> post =
                                this.http.post("/api/articles/a-1/comments", "{\"author\":\"A\",\"text\":\"t\"}", null);
                        if (post.statusCode() != 200) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    @Test
    void whenNoInstancePassedItsCheckEveryInstanceIsUsed() throws InterruptedException {
        Thread.sleep(2_000); // a round of checks or two

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = this.http.get("/api/articles/a-" + i, null);
            assertThat(response.statusCode())
                    .as("read %d: %s", i, response.body())
                    .isEqualTo(200);
        }
    }

    private Map<String, Long> answeredBy(int reads) {
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            HttpResponse<String> response = this.http.get("/api/comments/c-" + i, null);
            assertThat(response.statusCode())
                    .as("read %d: %s", i, response.body())
                    .isEqualTo(200);
            instances.add(GatewayHttp.json(response).get("service").asString());
        }
        return instances.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
