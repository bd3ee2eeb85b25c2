package news.comments.systemtest;

import static news.comments.systemtest.Scenario.EVENTUALLY;
import static news.comments.systemtest.Scenario.awaitDecision;
import static news.comments.systemtest.Scenario.commentsPath;
import static news.comments.systemtest.Scenario.createArticle;
import static news.comments.systemtest.Scenario.openStream;
import static news.comments.systemtest.Scenario.postCommentOnceArticleIsKnown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.comments.events.Topics;
import news.comments.stack.LocalStack;
import news.comments.stack.Service;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The observability profile's Prometheus configuration, alert rules and Grafana dashboard, run for real:
 * Debian's Prometheus (the profile pins the official image, which no registry reachable here serves) scrapes
 * the shared stack with the profile's own jobs and metrics paths (its Docker DNS discovery replaced by the
 * stack's ports) and loads the profile's alert rules. After the traffic the panels show (comments decided, a
 * refused stream, an unlisted path, a poison record), every dashboard query returns series, every alert rule
 * evaluates without error, and the poison record fires {@code DeadLetters}. A query that names a series or a
 * label the services do not expose, or that Prometheus cannot parse, fails here.
 *
 * <p>Needs the {@code prometheus} binary (Debian's package; .ci/run installs it); where it is missing the test
 * is skipped and says so.
 */
@ExtendWith(SharedStack.class)
@EnabledIf(value = "prometheusInstalled", disabledReason = "Prometheus is not installed (apt-get install prometheus)")
class DashboardQueriesSystemTest {

    private static final Path PROMETHEUS =
            Path.of(System.getProperty("observability.prometheus", "/usr/bin/prometheus"));

    private static final Path OBSERVABILITY =
            Path.of(System.getProperty("comments.stack.repo-dir", "..")).resolve("deploy/observability");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static boolean prometheusInstalled() {
        return Files.isExecutable(PROMETHEUS);
    }

    @Test
    void everyDashboardQueryReturnsSeriesEveryAlertRuleEvaluatesAndAPoisonRecordFiresDeadLetters(
            SharedStack.SystemUnderTest system, @TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("prometheus.yml"), scrapingTheStack(system.stack()));
        Files.copy(OBSERVABILITY.resolve("alerts.yml"), directory.resolve("alerts.yml"));
        int port = freePort();
        Process prometheus = new ProcessBuilder(
                        PROMETHEUS.toString(),
                        "--config.file=" + directory.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + directory.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("prometheus.log").toFile())
                .start();
        URI api = URI.create("http://127.0.0.1:" + port);
        try {
            Path log = directory.resolve("prometheus.log");
            await("Prometheus to be ready")
                    .atMost(EVENTUALLY)
                    .failFast(() -> {
                        if (!prometheus.isAlive()) {
                            throw new AssertionError("Prometheus exited: " + Files.readString(log));
                        }
                    })
                    .ignoreExceptions()
                    .until(() -> get(api.resolve("/-/ready")).statusCode() == 200);
            await("every job's targets to be up")
                    .atMost(EVENTUALLY)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        Map<String, String> health = new LinkedHashMap<>();
                        json(get(api.resolve("/api/v1/targets")).body())
                                .path("data")
                                .path("activeTargets")
                                .forEach(target -> health.put(
                                        target.path("labels").path("job").asString(),
                                        target.path("health").asString() + " "
                                                + target.path("lastError").asString()));
                        assertThat(health)
                                .containsOnlyKeys("article-service", "comment-service", "moderation-service", "gateway")
                                .allSatisfy((job, state) ->
                                        assertThat(state).as(job).isEqualTo("up "));
                    });

            String poisonKey = makeTraffic(system);

            Map<String, String> queries = dashboardQueries();
            assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
            await("every dashboard query to return series")
                    .atMost(EVENTUALLY)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        for (Map.Entry<String, String> panel : queries.entrySet()) {
                            JsonNode answer = query(api, panel.getValue());
                            assertThat(answer.path("status").asString())
                                    .as("%s: %s", panel.getKey(), answer)
                                    .isEqualTo("success");
                            assertThat(answer.path("data").path("result").size())
                                    .as("series for \"%s\": %s", panel.getKey(), panel.getValue())
                                    .isPositive();
                        }
                    });

            await("every alert rule evaluated, without error, and DeadLetters firing for the poison record")
                    .atMost(EVENTUALLY)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        JsonNode groups = json(get(api.resolve("/api/v1/rules")).body())
                                .path("data")
                                .path("groups");
                        List<JsonNode> rules = new ArrayList<>();
                        groups.forEach(group -> group.path("rules").forEach(rules::add));
                        assertThat(rules).hasSize(12).allSatisfy(rule -> {
                            assertThat(rule.path("health").asString())
                                    .as("%s: %s", rule.path("name").asString(), rule.path("lastError"))
                                    .isEqualTo("ok");
                        });
                        JsonNode deadLetters = rules.stream()
                                .filter(rule -> rule.path("name").asString().equals("DeadLetters"))
                                .findFirst()
                                .orElseThrow();
                        assertThat(deadLetters.path("state").asString()).isEqualTo("firing");
                        assertThat(deadLetters.path("alerts").toString())
                                .contains(Topics.COMMENT_REPORTED.deadLetterName())
                                .contains("moderation-service");
                    });
            System.out.printf(
                    "Observability: %d dashboard queries returned series from a real Prometheus; DeadLetters fired "
                            + "for poison record %s%n",
                    queries.size(), poisonKey);
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    /** The profile's prometheus.yml with each job's DNS discovery replaced by the stack's instances. */
    private static String scrapingTheStack(LocalStack stack) throws IOException {
        Yaml yaml = new Yaml();
        Map<String, Object> config;
        try (InputStream in = Files.newInputStream(OBSERVABILITY.resolve("prometheus.yml"))) {
            config = yaml.load(in);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> global = (Map<String, Object>) config.get("global");
        // Seconds instead of the profile's 10 s, so a test does not wait for minutes of samples.
        global.put("scrape_interval", "1s");
        global.put("scrape_timeout", "1s");
        global.put("evaluation_interval", "1s");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        for (Map<String, Object> job : jobs) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> discovery = (List<Map<String, Object>>) job.remove("dns_sd_configs");
            List<String> targets = new ArrayList<>();
            for (Map<String, Object> sd : discovery) {
                for (Object name : (List<?>) sd.get("names")) {
                    targets.addAll(instances(stack, (String) name));
                }
            }
            job.put("static_configs", List.of(Map.of("targets", targets)));
        }
        return yaml.dump(config);
    }

    private static List<String> instances(LocalStack stack, String service) {
        if (service.equals("gateway")) {
            return List.of("127.0.0.1:" + stack.ports().gatewayManagement());
        }
        Service which = switch (service) {
            case "article-service" -> Service.ARTICLE;
            case "comment-service" -> Service.COMMENT;
            case "moderation-service" -> Service.MODERATION;
            default -> throw new IllegalArgumentException("not a service of the stack: " + service);
        };
        List<String> instances = new ArrayList<>();
        for (int replica = 1; replica <= stack.replicas(which); replica++) {
            URI url = stack.serviceUrl(which, replica);
            instances.add(url.getHost() + ":" + url.getPort());
        }
        return instances;
    }

    /**
     * What the panels show: comments posted and decided (decisions, their latency and landing, the outbox),
     * an unlisted path (the gateway's own problem answers), a sixth live stream of one reader (a 429), and a
     * poison record on a topic moderation-service reads (a dead letter). Returns the poison record's key.
     */
    private static String makeTraffic(SharedStack.SystemUnderTest system) throws Exception {
        Api api = system.api();
        String articleId = createArticle(api, system.moderatorToken(), "Dashboard article");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(postCommentOnceArticleIsKnown(
                            api, articleId, "Dashboard", "Comment number " + i + " for the graphs")
                    .body()
                    .path("id")
                    .asString());
        }
        ids.forEach(id -> awaitDecision(api, id));
        // Off the contract on purpose, so not through Api (which checks every call against it): an unlisted
        // path needs a moderator, and the gateway answers it itself.
        assertThat(get(api.gateway().resolve("/api/no-such-thing")).statusCode())
                .isEqualTo(401);
        assertThat(sixthStreamOfOneReader(api.gateway(), commentsPath(articleId) + "/stream"))
                .startsWith("HTTP/1.1 429");

        String poisonKey = "dashboard-poison-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.COMMENT_REPORTED.name(), poisonKey, "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        return poisonKey;
    }

    /** Opens five live streams as one reader, then a sixth: its status line. */
    private static String sixthStreamOfOneReader(URI gateway, String streamPath) throws IOException {
        // The shared stack believes X-Forwarded-For from loopback: this reader is alone with its address.
        String reader = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        List<Socket> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Socket socket = openStream(gateway, streamPath, reader);
                socket.setSoTimeout(30_000);
                streams.add(socket);
                String statusLine = statusLine(socket.getInputStream());
                if (i < 5) {
                    assertThat(statusLine).as("stream %d", i + 1).startsWith("HTTP/1.1 200");
                } else {
                    return statusLine;
                }
            }
            throw new AssertionError("unreachable");
        } finally {
            for (Socket socket : streams) {
                socket.close();
            }
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /**
     * Every target's expression, by panel title. The 503 share needs a 503 to have been answered, which this
     * test does not cause (the fault tests do): it is asked with the 429s counted too, which proves its series
     * and labels the same way.
     */
    private static Map<String, String> dashboardQueries() throws IOException {
        JsonNode dashboard =
                json(Files.readString(OBSERVABILITY.resolve("grafana/dashboards/comment-moderation.json")));
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            int n = 0;
            for (JsonNode target : panel.path("targets")) {
                String expression = target.path("expr").asString();
                if (!expression.isEmpty()) {
                    queries.put(
                            panel.path("title").asString() + (n++ == 0 ? "" : " #" + n),
                            expression.replace("status=\"503\"", "status=~\"503|429\""));
                }
            }
        }
        return queries;
    }

    private static JsonNode query(URI api, String expression) throws IOException, InterruptedException {
        return json(get(api.resolve("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)))
                .body());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) {
        return JsonMapper.shared().readTree(body);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
