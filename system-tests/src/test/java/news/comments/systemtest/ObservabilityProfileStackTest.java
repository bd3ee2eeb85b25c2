package news.comments.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compose {@code observability} profile, checked without starting it (no image can be pulled where the
 * build runs): pinned images, Prometheus's DNS discovery of every service on its real port and path, Grafana's
 * provisioning pointing at files that exist, every dashboard query naming a series the services expose (the
 * README's "Metrics and alerts" table, whose series the services' own tests produce and read), and the
 * collector's traces going to Jaeger. Needs no stack: it reads files.
 */
class ObservabilityProfileStackTest {

    private static final Path REPO = Path.of(System.getProperty("comments.stack.repo-dir", ".."));

    private static final Set<String> OBSERVABILITY = Set.of("prometheus", "grafana", "otel-collector", "jaeger");

    /**
     * The series the dashboard may use, each exposed by a service and proven by a test that produces it:
     * the outbox's in service-support's ServiceSupportIntegrationTest, the lag series there and in
     * moderation-service's ModerationServiceIntegrationTest, the dead letters in ServiceSupportIntegrationTest,
     * the breaker state and the edge counters in the gateway's EdgeProtectionIntegrationTest, the decision
     * series in moderation-service's DecisionMetricsTest and ModerationServiceIntegrationTest, the landed decisions
     * and their landing delay in comment-service's DecisionBatchIntegrationTest and OperationsIntegrationTest.
     */
    static final Set<String> EXPOSED = Set.of(
            "outbox_events_pending",
            "outbox_events_parked",
            "outbox_events_oldest_age_seconds",
            "outbox_events_failed_total",
            "kafka_consumer_fetch_manager_records_lag",
            "kafka_consumer_fetch_manager_records_lag_max",
            "comments_dead_letters_total",
            "resilience4j_circuitbreaker_state",
            "comments_gateway_responses_total",
            "comments_gateway_problems_total",
            "moderation_decisions_total",
            "moderation_decision_latency_seconds_bucket",
            "comments_decisions_landed_total",
            "comments_decision_landing_delay_seconds_bucket");

    /** The services Prometheus scrapes, with the port their actuator listens on in compose. */
    private static final Map<String, Integer> SCRAPED =
            Map.of("article-service", 8081, "comment-service", 8082, "moderation-service", 8083, "gateway", 9080);

    private static final Pattern PROMQL_IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static final Set<String> PROMQL_WORDS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless");

    @Test
    void everyObservabilityServiceIsInTheProfileWithAnExactImageTag() {
        Map<String, Map<String, Object>> services = services();
        assertThat(services).containsKeys(OBSERVABILITY.toArray(String[]::new));
        for (String name : OBSERVABILITY) {
            Map<String, Object> service = services.get(name);
            assertThat(service.get("profiles")).as(name).isEqualTo(List.of("observability"));
            String image = (String) service.get("image");
            assertThat(image).as(name).matches("[a-z0-9./-]+:v?[0-9]+\\.[0-9]+\\.[0-9]+");
            assertThat(image).as(name).doesNotContain("latest");
        }
        // The services themselves stay out of the profile: `docker compose up` is unchanged.
        for (String name : SCRAPED.keySet()) {
            assertThat(services.get(name)).as(name).doesNotContainKey("profiles");
        }
    }

    @Test
    void onlyGrafanaAndJaegerPublishAPortAndOnlyOnLoopback() {
        Map<String, Map<String, Object>> services = services();
        assertThat(services.get("prometheus")).doesNotContainKey("ports");
        assertThat(services.get("otel-collector")).doesNotContainKey("ports");
        assertThat(ports(services.get("grafana"))).singleElement().asString().startsWith("127.0.0.1:");
        assertThat(ports(services.get("jaeger"))).singleElement().asString().startsWith("127.0.0.1:");
    }

    @Test
    void prometheusFindsEveryReplicaOfEveryServiceByDnsOnItsActuatorPort() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, Object> prometheus = yaml(REPO.resolve("deploy/observability/prometheus.yml"));
        List<Map<String, Object>> jobs = list(prometheus.get("scrape_configs"));
        Map<String, Integer> discovered = new java.util.HashMap<>();
        for (Map<String, Object> job : jobs) {
            assertThat(job.get("metrics_path")).as(job.toString()).isEqualTo("/actuator/prometheus");
            assertThat(job).as("static targets would miss replicas").doesNotContainKey("static_configs");
            for (Map<String, Object> sd : list(job.get("dns_sd_configs"))) {
                assertThat(sd.get("type")).isEqualTo("A");
                for (Object name : (List<?>) sd.get("names")) {
                    discovered.put((String) name, (Integer) sd.get("port"));
                }
            }
        }
        assertThat(discovered).isEqualTo(SCRAPED);
        // The ports are the ones compose gives the services, and Prometheus shares their network.
        for (Map.Entry<String, Integer> scraped : SCRAPED.entrySet()) {
            Map<String, Object> service = services.get(scraped.getKey());
            Map<String, Object> environment = map(service.get("environment"));
            if (scraped.getKey().equals("gateway")) {
                assertThat(environment).containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
                assertThat(readinessCheck(service)).contains("localhost:" + scraped.getValue() + "/actuator/");
            } else {
                assertThat(String.valueOf(environment.get("SERVER_PORT")))
                        .as(scraped.getKey())
                        .isEqualTo(scraped.getValue().toString());
            }
            assertThat(networks(service)).as(scraped.getKey()).contains("internal");
        }
        assertThat(networks(services.get("prometheus"))).contains("internal", "observability");
        assertThat(volumeSources(services.get("prometheus")))
                .contains("./deploy/observability/prometheus.yml", "./deploy/observability/alerts.yml");
        // The alert rules sit beside the config in the container (DashboardQueriesSystemTest evaluates them).
        assertThat(prometheus.get("rule_files")).isEqualTo(List.of("alerts.yml"));
        assertThat(volumes(services.get("prometheus")))
                .contains("./deploy/observability/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    @Test
    void grafanaIsProvisionedWithFilesThatExist() throws IOException {
        Map<String, Object> grafana = services().get("grafana");
        Path provisioning = null;
        Path dashboards = null;
        for (String volume : volumes(grafana)) {
            String[] parts = volume.split(":");
            if (parts[1].equals("/etc/grafana/provisioning")) {
                provisioning = REPO.resolve(parts[0]);
            }
            if (parts[1].equals("/var/lib/grafana/dashboards")) {
                dashboards = REPO.resolve(parts[0]);
            }
        }
        assertThat(provisioning).as("provisioning mount").isNotNull().isDirectory();
        assertThat(dashboards).as("dashboards mount").isNotNull().isDirectory();

        Map<String, Object> datasources = yaml(provisioning.resolve("datasources/datasources.yml"));
        assertThat(list(datasources.get("datasources")))
                .extracting(d -> d.get("uid") + " " + d.get("url"))
                .contains("prometheus http://prometheus:9090", "jaeger http://jaeger:16686");

        Map<String, Object> providers = yaml(provisioning.resolve("dashboards/dashboards.yml"));
        Map<String, Object> provider = list(providers.get("providers")).get(0);
        assertThat(map(provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards");
        try (var files = Files.list(dashboards)) {
            assertThat(files.filter(f -> f.toString().endsWith(".json"))).isNotEmpty();
        }
    }

    @Test
    void everyDashboardQueryNamesASeriesTheServicesExposeAndTheReadmeDocuments() throws IOException {
        Set<String> used = new LinkedHashSet<>();
        try (var files = Files.list(REPO.resolve("deploy/observability/grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode dashboard = JsonMapper.builder().build().readTree(file.toFile());
                for (JsonNode panel : dashboard.get("panels")) {
                    assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("prometheus");
                    for (JsonNode target : panel.get("targets")) {
                        Set<String> names = metricNames(target.get("expr").asString());
                        assertThat(names)
                                .as(panel.get("title").asString())
                                .isNotEmpty()
                                .isSubsetOf(EXPOSED);
                        used.addAll(names);
                    }
                }
            }
        }
        assertThat(used).as("every metric ops alert on has a panel").containsExactlyInAnyOrderElementsOf(EXPOSED);
        String readme = Files.readString(REPO.resolve("README.md"));
        int section = readme.indexOf("## Metrics and alerts");
        assertThat(section).as("README's \"Metrics and alerts\" section").isNotNegative();
        String table = readme.substring(section);
        for (String name : EXPOSED) {
            String documented = name.endsWith("_bucket") ? name.substring(0, name.length() - "_bucket".length()) : name;
            assertThat(table).as(name).contains("`" + documented);
        }
    }

    @Test
    void theCollectorTakesOtlpAndSendsTracesToJaeger() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, Object> collector = yaml(REPO.resolve("deploy/observability/otel-collector.yaml"));
        Map<String, Object> protocols =
                map(map(map(collector.get("receivers")).get("otlp")).get("protocols"));
        assertThat(map(protocols.get("grpc")).get("endpoint")).isEqualTo("0.0.0.0:4317");
        assertThat(map(protocols.get("http")).get("endpoint")).isEqualTo("0.0.0.0:4318");

        Map<String, Object> traces =
                map(map(map(collector.get("service")).get("pipelines")).get("traces"));
        assertThat(traces.get("receivers")).isEqualTo(List.of("otlp"));
        List<?> exporters = (List<?>) traces.get("exporters");
        assertThat(exporters).isNotEmpty();
        for (Object exporter : exporters) {
            Map<String, Object> config = map(map(collector.get("exporters")).get(exporter));
            String endpoint = (String) config.get("endpoint");
            assertThat(endpoint).as(exporter.toString()).isEqualTo("jaeger:4317");
            assertThat(services).containsKey(endpoint.split(":")[0]);
        }
        // The collector reaches Jaeger, and the services reach the collector.
        assertThat(networks(services.get("otel-collector"))).contains("internal", "observability");
        assertThat(networks(services.get("jaeger"))).contains("observability");
        assertThat(volumeSources(services.get("otel-collector")))
                .contains("./deploy/observability/otel-collector.yaml");
    }

    /** The series names a PromQL expression reads: identifiers that are not functions, labels or keywords. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "") // label values
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // ranges
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " "); // grouping labels
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PROMQL_IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String word = matcher.group();
            boolean function = bare.substring(matcher.end()).stripLeading().startsWith("(");
            if (!function && !PROMQL_WORDS.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    @Test
    void theMetricNameExtractionSkipsFunctionsLabelsAndRanges() {
        assertThat(
                        metricNames(
                                "histogram_quantile(0.99, sum by (le) (rate(moderation_decision_latency_seconds_bucket{a=\"b c\"}[5m])))"))
                .containsExactly("moderation_decision_latency_seconds_bucket");
        assertThat(metricNames("sum(rate(x_total{status=\"503\"}[5m])) / sum(rate(y_total[5m]))"))
                .containsExactly("x_total", "y_total");
    }

    // --- reading the compose file ------------------------------------------------------------------

    private static Map<String, Map<String, Object>> services() {
        try {
            Map<String, Object> compose = yaml(REPO.resolve("docker-compose.yml"));
            Map<String, Map<String, Object>> services = new java.util.HashMap<>();
            map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
            return services;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static List<String> networks(Map<String, Object> service) {
        Object networks = service.get("networks");
        if (networks instanceof Map<?, ?> named) {
            return named.keySet().stream().map(String::valueOf).toList();
        }
        return networks == null
                ? List.of()
                : ((List<?>) networks).stream().map(String::valueOf).toList();
    }

    private static List<String> volumes(Map<String, Object> service) {
        Object volumes = service.get("volumes");
        return volumes == null
                ? List.of()
                : ((List<?>) volumes).stream().map(String::valueOf).toList();
    }

    private static List<String> volumeSources(Map<String, Object> service) {
        List<String> sources = new ArrayList<>();
        volumes(service).forEach(v -> sources.add(v.split(":")[0]));
        return sources;
    }

    private static List<String> ports(Map<String, Object> service) {
        Object ports = service.get("ports");
        return ports == null
                ? List.of()
                : ((List<?>) ports).stream().map(String::valueOf).toList();
    }

    private static String readinessCheck(Map<String, Object> service) {
        return String.valueOf(map(service.get("healthcheck")).get("test"));
    }
}
