package news.comments.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The kustomize manifests under deploy/k8s, checked as files: no cluster (nor kubeconform, nor kustomize)
 * runs here, so this reads every manifest with SnakeYAML and holds it to what the services need and to
 * what the rest of the repository says (ports, probe paths, property names, the image's user).
 */
class KubernetesManifestsTest {

    private static final Path REPO = Path.of(System.getProperty("comments.stack.repo-dir", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path K8S = REPO.resolve("deploy/k8s");
    private static final Path BASE = K8S.resolve("base");

    private static final Map<String, String> API_VERSIONS = Map.of(
            "Deployment", "apps/v1",
            "Service", "v1",
            "ConfigMap", "v1",
            "PodDisruptionBudget", "policy/v1",
            "HorizontalPodAutoscaler", "autoscaling/v2");

    private static final List<String> SERVICES =
            List.of("article-service", "comment-service", "moderation-service", "gateway");

    private static List<Map<String, Object>> base;

    @BeforeAll
    static void renderBase() {
        base = resourcesOf(BASE);
    }

    @Test
    void everyFileAKustomizationNamesExistsAndEveryManifestIsNamedByOne() throws IOException {
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(K8S)) {
            kustomizations = files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .toList();
        }
        assertThat(kustomizations).contains(BASE.resolve("kustomization.yaml"));
        for (Path kustomization : kustomizations) {
            Path dir = kustomization.getParent();
            Map<String, Object> k = loadOne(kustomization);
            assertThat(k.get("apiVersion")).as(kustomization.toString()).isEqualTo("kustomize.config.k8s.io/v1beta1");
            assertThat(k.get("kind")).as(kustomization.toString()).isEqualTo("Kustomization");
            Set<Path> named = new HashSet<>();
            for (String entry : strings(k.get("resources"))) {
                Path target = dir.resolve(entry).normalize();
                assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                        .as("%s names %s", kustomization, entry)
                        .isTrue();
                named.add(target);
            }
            for (Map<String, Object> patch : maps(k.get("patches"))) {
                Path target = dir.resolve((String) patch.get("path")).normalize();
                assertThat(target).as("%s patch", kustomization).isRegularFile();
                named.add(target);
            }
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> manifests = files.filter(p -> p.toString().endsWith(".yaml"))
                        .filter(p -> !p.equals(kustomization))
                        .toList();
                assertThat(named)
                        .as("every manifest in %s is listed in its kustomization.yaml", dir)
                        .containsAll(manifests);
            }
        }
    }

    @Test
    void everyResourceHasTheApiVersionOfItsKindAndAUniqueName() {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> resource : base) {
            String kind = (String) resource.get("kind");
            String name = str(resource, "metadata", "name");
            assertThat(API_VERSIONS).as("a kind this test knows").containsKey(kind);
            assertThat(resource.get("apiVersion")).as("%s %s", kind, name).isEqualTo(API_VERSIONS.get(kind));
            assertThat(name).as("%s name", kind).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(seen.add(kind + "/" + name)).as("%s/%s once", kind, name).isTrue();
        }
        assertThat(names("Deployment")).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(names("Service")).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void noSecretIsCommittedOnlyReferencedAndEveryReferencedConfigKeyExists() {
        assertThat(names("Secret"))
                .as("Secrets are the operator's, never in the repository")
                .isEmpty();
        Map<String, Object> config = only("ConfigMap", "comment-moderation-config");
        Map<String, Object> data = map(config.get("data"));
        for (Map<String, Object> container : containers()) {
            for (Map<String, Object> env : maps(container.get("env"))) {
                Map<String, Object> from = map(env.get("valueFrom"));
                if (from.containsKey("configMapKeyRef")) {
                    Map<String, Object> ref = map(from.get("configMapKeyRef"));
                    assertThat(ref.get("name")).isEqualTo("comment-moderation-config");
                    assertThat(data)
                            .as("%s %s", container.get("name"), env.get("name"))
                            .containsKey((String) ref.get("key"));
                }
                if (from.containsKey("secretKeyRef")) {
                    assertThat(map(from.get("secretKeyRef")).get("name")).isEqualTo("comment-moderation-secrets");
                }
                if (((String) env.get("name")).contains("PASSWORD")) {
                    assertThat(from)
                            .as("%s comes from the Secret", env.get("name"))
                            .containsKey("secretKeyRef");
                }
            }
        }
    }

    @Test
    void everyContainerHasStartupLivenessAndReadinessProbesOnItsOwnPortAtPathsItsServiceServes() {
        for (Map<String, Object> deployment : resources("Deployment")) {
            String name = str(deployment, "metadata", "name");
            Map<String, Object> container = onlyContainer(deployment);
            Map<String, Object> port = maps(container.get("ports")).get(0);
            int containerPort = (Integer) port.get("containerPort");
            Map<String, Object> yml = applicationYml(name);
            Object managementPort = path(yml, "management", "server", "port");
            boolean actuatorOnServerPort = managementPort == null || managementPort.equals(containerPort);

            assertThat(envValue(container, "SERVER_PORT"))
                    .as("%s SERVER_PORT", name)
                    .isEqualTo(String.valueOf(containerPort));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> http = map(map(container.get(probe)).get("httpGet"));
                assertThat(http).as("%s %s", name, probe).isNotEmpty();
                assertThat(http.get("port")).as("%s %s port", name, probe).isIn(port.get("name"), containerPort);
                String path = (String) http.get("path");
                boolean readiness = probe.equals("readinessProbe");
                if (actuatorOnServerPort) {
                    assertThat(path)
                            .as("%s %s", name, probe)
                            .isEqualTo(readiness ? "/actuator/health/readiness" : "/actuator/health/liveness");
                    assertThat(path(yml, "management", "endpoint", "health", "probes", "enabled"))
                            .isEqualTo(true);
                } else {
                    // Actuator has a port of its own (the gateway's, on loopback): the probe groups are also
                    // served on the main port, as /livez and /readyz.
                    assertThat(path).as("%s %s", name, probe).isEqualTo(readiness ? "/readyz" : "/livez");
                    assertThat(path(yml, "management", "endpoint", "health", "probes", "add-additional-paths"))
                            .as("%s serves /livez and /readyz on its main port", name)
                            .isEqualTo(true);
                }
            }
            Map<String, Object> startup = map(container.get("startupProbe"));
            int startupBudget = (Integer) startup.get("periodSeconds") * (Integer) startup.get("failureThreshold");
            assertThat(startupBudget)
                    .as("%s: seconds a start may take (up to 292 s measured with docker compose)", name)
                    .isGreaterThanOrEqualTo(360);
        }
    }

    @Test
    void everyContainerRequestsNoMoreThanItsLimitsAndHasAMemoryLimit() {
        for (Map<String, Object> container : containers()) {
            Map<String, Object> resources = map(container.get("resources"));
            Map<String, Object> requests = map(resources.get("requests"));
            Map<String, Object> limits = map(resources.get("limits"));
            assertThat(limits).as("%s limits", container.get("name")).containsKeys("memory", "cpu");
            assertThat(requests).as("%s requests", container.get("name")).containsKeys("memory", "cpu");
            for (String resource : List.of("cpu", "memory")) {
                assertThat(quantity(requests.get(resource)))
                        .as("%s %s request <= limit", container.get("name"), resource)
                        .isLessThanOrEqualTo(quantity(limits.get(resource)));
            }
            assertThat(quantity(limits.get("memory")))
                    .as("%s: room for a 384 MiB heap at the image's 60%%", container.get("name"))
                    .isGreaterThanOrEqualTo(quantity("640Mi"));
        }
    }

    @Test
    void podsRunAsTheImagesNonRootUserOnAReadOnlyRootWithWritableScratchAndStateDirectories() throws IOException {
        String dockerfile = Files.readString(REPO.resolve("Dockerfile"));
        Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(dockerfile);
        assertThat(user.find()).as("the Dockerfile's USER is numeric").isTrue();
        int uid = Integer.parseInt(user.group(1));
        for (Map<String, Object> deployment : resources("Deployment")) {
            Map<String, Object> pod = map(path(deployment, "spec", "template", "spec"));
            Map<String, Object> podSecurity = map(pod.get("securityContext"));
            assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
            assertThat(podSecurity.get("runAsUser")).isEqualTo(uid);
            Map<String, Object> container = onlyContainer(deployment);
            Map<String, Object> security = map(container.get("securityContext"));
            assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
            assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);

            Set<String> emptyDirs = maps(pod.get("volumes")).stream()
                    .filter(v -> v.containsKey("emptyDir"))
                    .map(v -> (String) v.get("name"))
                    .collect(Collectors.toSet());
            Map<String, String> writable = maps(container.get("volumeMounts")).stream()
                    .filter(m -> emptyDirs.contains((String) m.get("name")))
                    .collect(Collectors.toMap(m -> (String) m.get("mountPath"), m -> (String) m.get("name")));
            assertThat(writable)
                    .as("%s: java.io.tmpdir", deployment.get("metadata"))
                    .containsKey("/tmp");
            String stateDir = envValue(container, "SPRING_KAFKA_STREAMS_STATE_DIR");
            if (stateDir != null) {
                assertThat(writable)
                        .as("Kafka Streams' state directory is writable")
                        .containsKey(stateDir);
            }
        }
        String moderation =
                envValue(onlyContainer(only("Deployment", "moderation-service")), "SPRING_KAFKA_STREAMS_STATE_DIR");
        assertThat(moderation)
                .as("moderation-service keeps its state off the read-only root")
                .isNotNull();
    }

    @Test
    void servicesSelectTheirDeploymentsPodsAndOnlyTheGatewayIsMeantToBeExposed() {
        for (Map<String, Object> service : resources("Service")) {
            String name = str(service, "metadata", "name");
            assertThat(path(service, "spec", "type"))
                    .as("%s stays inside the cluster", name)
                    .isIn(null, "ClusterIP");
            Map<String, Object> deployment = only("Deployment", name);
            Map<String, Object> podLabels = map(path(deployment, "spec", "template", "metadata", "labels"));
            assertThat(podLabels).as("%s selector", name).containsAllEntriesOf(map(path(service, "spec", "selector")));
            Set<Object> containerPorts = new HashSet<>();
            maps(onlyContainer(deployment).get("ports")).forEach(p -> {
                containerPorts.add(p.get("name"));
                containerPorts.add(p.get("containerPort"));
            });
            for (Map<String, Object> port : maps(path(service, "spec", "ports"))) {
                assertThat(containerPorts).as("%s targetPort", name).contains(port.get("targetPort"));
            }
        }
        for (Map<String, Object> deployment : resources("Deployment")) {
            assertThat(map(path(deployment, "spec", "template", "metadata", "labels")))
                    .as("%s: its selector matches its own pods", str(deployment, "metadata", "name"))
                    .containsAllEntriesOf(map(path(deployment, "spec", "selector", "matchLabels")));
        }
        assertThat(resources("Ingress"))
                .as("the Ingress is the operator's (README)")
                .isEmpty();
    }

    @Test
    void theDisruptionBudgetAndTheAutoscalerGovernTheCommentServiceDeployment() {
        Map<String, Object> deployment = only("Deployment", "comment-service");
        Map<String, Object> podLabels = map(path(deployment, "spec", "template", "metadata", "labels"));

        Map<String, Object> pdb = only("PodDisruptionBudget", "comment-service");
        assertThat(podLabels).containsAllEntriesOf(map(path(pdb, "spec", "selector", "matchLabels")));
        assertThat(map(path(pdb, "spec", "selector", "matchLabels"))).isNotEmpty();
        assertThat(resources("Deployment").stream()
                        .filter(d -> map(path(d, "spec", "template", "metadata", "labels"))
                                .entrySet()
                                .containsAll(map(path(pdb, "spec", "selector", "matchLabels"))
                                        .entrySet()))
                        .count())
                .as("the budget selects comment-service's pods only")
                .isEqualTo(1);

        Map<String, Object> hpa = only("HorizontalPodAutoscaler", "comment-service");
        Map<String, Object> target = map(path(hpa, "spec", "scaleTargetRef"));
        assertThat(target)
                .containsEntry("apiVersion", "apps/v1")
                .containsEntry("kind", "Deployment")
                .containsEntry("name", "comment-service");
        Map<String, Object> metric = maps(path(hpa, "spec", "metrics")).get(0);
        assertThat(metric.get("type")).isEqualTo("Resource");
        assertThat(path(metric, "resource", "name")).isEqualTo("cpu");
        assertThat(map(map(onlyContainer(deployment).get("resources")).get("requests")))
                .as("CPU utilisation is measured against the request")
                .containsKey("cpu");
        int min = (Integer) path(hpa, "spec", "minReplicas");
        int max = (Integer) path(hpa, "spec", "maxReplicas");
        assertThat(min).isBetween(2, max);
        assertThat((Integer) path(deployment, "spec", "replicas")).isBetween(min, max);
    }

    @Test
    void everyImageIsSetThroughTheKustomizationImagesList() {
        Map<String, Object> kustomization = loadOne(BASE.resolve("kustomization.yaml"));
        Set<String> listed = maps(kustomization.get("images")).stream()
                .map(i -> (String) i.get("name"))
                .collect(Collectors.toSet());
        Set<String> used = new HashSet<>();
        for (Map<String, Object> container : containers()) {
            String image = (String) container.get("image");
            assertThat(image)
                    .as("no tag or registry in the base: kustomize sets them")
                    .doesNotContain(":");
            used.add(image);
        }
        assertThat(used).isEqualTo(listed);
    }

    @Test
    void everyEnvironmentVariableNamesAPropertyOrPlaceholderOfItsService() throws IOException {
        for (Map<String, Object> deployment : resources("Deployment")) {
            String name = str(deployment, "metadata", "name");
            Set<String> known = knownSettings(name);
            for (Map<String, Object> env : maps(onlyContainer(deployment).get("env"))) {
                String variable = (String) env.get("name");
                String canonical = canonical(variable);
                assertThat(known.contains(canonical)
                                || known.stream()
                                        .anyMatch(k -> k.endsWith(".") && canonical.startsWith(k.replace(".", ""))))
                        .as(
                                "%s: %s is a property (application.yml, @ConfigurationProperties) or placeholder of it",
                                name, variable)
                        .isTrue();
            }
        }
    }

    @Test
    void theViralOverlayScalesExistingDeploymentsWithinTheAutoscalersRange() {
        Path viral = K8S.resolve("overlays/viral");
        Map<String, Object> kustomization = loadOne(viral.resolve("kustomization.yaml"));
        assertThat(strings(kustomization.get("resources"))).containsExactly("../../base");
        Map<String, Object> hpa = only("HorizontalPodAutoscaler", "comment-service");
        Map<String, Object> hpaPatch = loadOne(viral.resolve("comment-service-hpa.yaml"));
        int min = (Integer) path(hpaPatch, "spec", "minReplicas");
        int max = (Integer) path(hpaPatch, "spec", "maxReplicas");
        assertThat(hpaPatch.get("kind")).isEqualTo(hpa.get("kind"));
        assertThat(str(hpaPatch, "metadata", "name")).isEqualTo(str(hpa, "metadata", "name"));
        for (Map<String, Object> replicas : maps(kustomization.get("replicas"))) {
            String name = (String) replicas.get("name");
            assertThat(names("Deployment")).contains(name);
            int count = (Integer) replicas.get("count");
            if (name.equals("comment-service")) {
                assertThat(count).isBetween(min, max);
            }
            if (name.equals("moderation-service")) {
                assertThat(count).as("no more than the topics' 6 partitions").isLessThanOrEqualTo(6);
            }
        }
    }

    // --- what the services accept ---------------------------------------------------------------------

    /**
     * Canonical names (lower case, letters and digits only, as Spring's relaxed binding compares them) of
     * the settings a service reads: its application.yml's keys and ${...} placeholders, and the prefixes of
     * the @ConfigurationProperties in its sources and in the shared modules (ending with a dot).
     */
    private static Set<String> knownSettings(String service) throws IOException {
        Set<String> known = new HashSet<>();
        Map<String, Object> yml = applicationYml(service);
        flatten("", yml, known);
        String text = Files.readString(REPO.resolve(service + "/src/main/resources/application.yml"));
        Matcher placeholder = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)").matcher(text);
        while (placeholder.find()) {
            known.add(canonical(placeholder.group(1)));
        }
        Pattern prefix = Pattern.compile("@ConfigurationProperties\\(\"([a-z0-9.\\-]+)\"\\)");
        for (String module : List.of(service, "service-support", "web-support")) {
            try (Stream<Path> sources = Files.walk(REPO.resolve(module + "/src/main/java"))) {
                for (Path source :
                        sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = prefix.matcher(Files.readString(source));
                    while (m.find()) {
                        known.add(canonical(m.group(1)) + ".");
                    }
                }
            }
        }
        return known;
    }

    private static void flatten(String prefix, Map<String, Object> node, Set<String> into) {
        for (Map.Entry<String, Object> entry : node.entrySet()) {
            String key = prefix + entry.getKey();
            into.add(canonical(key));
            if (entry.getValue() instanceof Map<?, ?> child) {
                flatten(key + ".", map(child), into);
            }
        }
    }

    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Map<String, Object> applicationYml(String service) {
        return loadOne(REPO.resolve(service + "/src/main/resources/application.yml"));
    }

    // --- reading manifests ------------------------------------------------------------------------------

    /** The resources a kustomization directory lists, nested kustomizations included (no patches applied). */
    private static List<Map<String, Object>> resourcesOf(Path dir) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String entry : strings(loadOne(dir.resolve("kustomization.yaml")).get("resources"))) {
            Path target = dir.resolve(entry).normalize();
            if (Files.isDirectory(target)) {
                out.addAll(resourcesOf(target));
            } else {
                out.addAll(loadAll(target));
            }
        }
        return out;
    }

    private static List<Map<String, Object>> resources(String kind) {
        return base.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    private static List<String> names(String kind) {
        return resources(kind).stream().map(r -> str(r, "metadata", "name")).toList();
    }

    private static Map<String, Object> only(String kind, String name) {
        List<Map<String, Object>> found = resources(kind).stream()
                .filter(r -> name.equals(str(r, "metadata", "name")))
                .toList();
        assertThat(found).as("%s/%s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static List<Map<String, Object>> containers() {
        return resources("Deployment").stream()
                .map(KubernetesManifestsTest::onlyContainer)
                .toList();
    }

    private static Map<String, Object> onlyContainer(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = maps(path(deployment, "spec", "template", "spec", "containers"));
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static String envValue(Map<String, Object> container, String name) {
        return maps(container.get("env")).stream()
                .filter(e -> name.equals(e.get("name")))
                .map(e -> e.get("value") == null ? null : String.valueOf(e.get("value")))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Object> loadOne(Path file) {
        List<Map<String, Object>> docs = loadAll(file);
        assertThat(docs).as(file.toString()).hasSize(1);
        return docs.get(0);
    }

    private static List<Map<String, Object>> loadAll(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Object doc : yaml.loadAll(Files.readString(file))) {
                if (doc != null) {
                    assertThat(doc).as("%s: a mapping", file).isInstanceOf(Map.class);
                    docs.add(map(doc));
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object path(Map<String, Object> node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    private static String str(Map<String, Object> node, String... keys) {
        return (String) path(node, keys);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        assertThat(value).isInstanceOf(Map.class);
        return new LinkedHashMap<>((Map<String, Object>) value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        if (value == null) {
            return List.of();
        }
        assertThat(value).isInstanceOf(List.class);
        return ((List<Object>) value).stream().map(KubernetesManifestsTest::map).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : new ArrayList<>((List<String>) value);
    }

    /** A Kubernetes quantity in plain units (bytes, cores). */
    private static BigDecimal quantity(Object value) {
        String text = String.valueOf(value);
        Map<String, BigDecimal> suffixes = new HashMap<>();
        suffixes.put("m", new BigDecimal("0.001"));
        suffixes.put("Ki", BigDecimal.valueOf(1L << 10));
        suffixes.put("Mi", BigDecimal.valueOf(1L << 20));
        suffixes.put("Gi", BigDecimal.valueOf(1L << 30));
        suffixes.put("k", BigDecimal.valueOf(1_000L));
        suffixes.put("M", BigDecimal.valueOf(1_000_000L));
        suffixes.put("G", BigDecimal.valueOf(1_000_000_000L));
        Matcher m = Pattern.compile("([0-9.]+)([A-Za-z]*)").matcher(text);
        assertThat(m.matches()).as("quantity %s", text).isTrue();
        BigDecimal unit = m.group(2).isEmpty() ? BigDecimal.ONE : suffixes.get(m.group(2));
        assertThat(unit).as("unit of %s", text).isNotNull();
        return new BigDecimal(m.group(1)).multiply(unit);
    }
}
