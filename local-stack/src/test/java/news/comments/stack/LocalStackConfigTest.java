package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalStackConfigTest {

    @Test
    void withoutEnvironmentUsesTheDocumentedDefaults() {
        LocalStackConfig config = LocalStackConfig.fromEnvironment(Map.of(), null);

        assertThat(config.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.moderatorUser()).isEqualTo("moderator");
        assertThat(config.configuredModeratorPassword()).isEmpty();
        assertThat(config.ports()).isEqualTo(StackPorts.defaults());
        assertThat(config.ports().gateway()).isEqualTo(8080);
        assertThat(config.startServices()).isTrue();
        assertThat(config.seed()).isTrue();
    }

    @Test
    void environmentOverridesEverySetting() {
        LocalStackConfig config = LocalStackConfig.fromEnvironment(
                Map.of(
                        "COMMENTS_DATA_DIR", "/tmp/elsewhere",
                        "MODERATOR_USER", "alice",
                        "MODERATOR_PASSWORD", "from-env",
                        "GATEWAY_PORT", "18080",
                        "COMMENTS_KAFKA_PORT", "19092",
                        "COMMENTS_PG_PORT", "15432",
                        "COMMENTS_REPO_DIR", "/srv/repo",
                        "COMMENTS_SEED", "false",
                        "COMMENTS_SERVICE_JAVA_OPTS", "-Xmx256m -Dx=y"),
                null);

        assertThat(config.dataDirectory()).isEqualTo(Path.of("/tmp/elsewhere"));
        assertThat(config.moderatorUser()).isEqualTo("alice");
        assertThat(config.configuredModeratorPassword()).contains("from-env");
        assertThat(config.ports().gateway()).isEqualTo(18080);
        assertThat(config.ports().kafka()).isEqualTo(19092);
        assertThat(config.ports().postgres()).isEqualTo(15432);
        assertThat(config.repositoryDirectory()).isEqualTo(Path.of("/srv/repo"));
        assertThat(config.seed()).isFalse();
        assertThat(config.serviceJvmOptions()).containsExactly("-Xmx256m", "-Dx=y");
    }

    @Test
    void repoDirSystemPropertyWinsOverTheEnvironment() {
        LocalStackConfig config = LocalStackConfig.fromEnvironment(Map.of("COMMENTS_REPO_DIR", "/a"), "/b");

        assertThat(config.repositoryDirectory()).isEqualTo(Path.of("/b"));
    }

    @Test
    void badPortIsRejectedWithItsName() {
        assertThatThrownBy(() -> LocalStackConfig.fromEnvironment(Map.of("GATEWAY_PORT", "eighty"), null))
                .hasMessageContaining("GATEWAY_PORT");
        assertThatThrownBy(() -> LocalStackConfig.fromEnvironment(Map.of("COMMENTS_PG_PORT", "70000"), null))
                .hasMessageContaining("COMMENTS_PG_PORT");
    }

    @Test
    void toStringNeverShowsThePassword() {
        LocalStackConfig config = LocalStackConfig.builder(Path.of("d"))
                .moderatorPassword("hunter2")
                .build();

        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void everyServiceRunsOnceUnlessReplicasAreAskedFor() {
        LocalStackConfig config = LocalStackConfig.fromCommandLine(List.of(), Map.of(), null);

        for (Service service : Service.values()) {
            assertThat(config.replicas(service)).as(service.moduleName()).isEqualTo(1);
        }
    }

    @Test
    void replicasFlagSetsTheCountOfEachNamedService() {
        LocalStackConfig config = LocalStackConfig.fromCommandLine(
                List.of("--replicas", "comment-service=2,moderation-service=3"), Map.of("GATEWAY_PORT", "18080"), null);

        assertThat(config.replicas(Service.COMMENT)).isEqualTo(2);
        assertThat(config.replicas(Service.MODERATION)).isEqualTo(3);
        assertThat(config.replicas(Service.ARTICLE)).isEqualTo(1);
        assertThat(config.replicas(Service.GATEWAY)).isEqualTo(1);
        assertThat(config.ports().gateway()).as("the environment still applies").isEqualTo(18080);
        assertThat(LocalStackConfig.fromCommandLine(List.of("--replicas=comment-service=2"), Map.of(), null)
                        .replicas(Service.COMMENT))
                .isEqualTo(2);
    }

    @Test
    void wrongReplicasAreRejectedWithWhatIsWrong() {
        assertThatThrownBy(() -> parse("--replicas", "search-service=2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown service 'search-service'")
                .hasMessageContaining("comment-service, moderation-service");
        assertThatThrownBy(() -> parse("--replicas", "comment-service=0"))
                .hasMessageContaining("comment-service")
                .hasMessageContaining("from 1 to 9, not 0");
        assertThatThrownBy(() -> parse("--replicas", "comment-service=-1")).hasMessageContaining("not -1");
        assertThatThrownBy(() -> parse("--replicas", "comment-service=10")).hasMessageContaining("not 10");
        assertThatThrownBy(() -> parse("--replicas", "comment-service=two"))
                .hasMessageContaining("must be a number, not 'two'");
        assertThatThrownBy(() -> parse("--replicas", "comment-service"))
                .hasMessageContaining("'comment-service' is not service=count");
        assertThatThrownBy(() -> parse("--replicas", "comment-service=2,comment-service=3"))
                .hasMessageContaining("comment-service is given twice");
        assertThatThrownBy(() -> parse("--replicas")).hasMessageContaining("--replicas needs a value");
        assertThatThrownBy(() -> parse("--replica", "comment-service=2"))
                .hasMessageContaining("Unknown argument '--replica'");
    }

    @Test
    void articleServiceAndGatewayRunOnce() {
        assertThatThrownBy(() -> parse("--replicas", "article-service=2"))
                .hasMessageContaining("article-service runs once");
        assertThatThrownBy(() -> parse("--replicas", "gateway=2")).hasMessageContaining("gateway runs once");
        assertThat(LocalStackConfig.fromCommandLine(List.of("--replicas", "gateway=1"), Map.of(), null)
                        .replicas(Service.GATEWAY))
                .as("saying 1 is harmless")
                .isEqualTo(1);
        assertThatThrownBy(() -> LocalStackConfig.builder(Path.of("d"))
                        .replicas(Service.ARTICLE, 2)
                        .build())
                .hasMessageContaining("article-service runs once");
        assertThatThrownBy(() -> LocalStackConfig.builder(Path.of("d"))
                        .replicas(Service.COMMENT, 0)
                        .build())
                .hasMessageContaining("from 1 to 9");
    }

    @Test
    void theLauncherExitsWithTheUsageCodeAndSaysWhatIsWrong() throws Exception {
        Process launcher = new ProcessBuilder(
                        Java.executable(),
                        "-cp",
                        Java.classPath(),
                        LocalStack.class.getName(),
                        "--replicas",
                        "comment-service=0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(launcher.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(launcher.exitValue()).isEqualTo(LocalStack.EXIT_USAGE).isEqualTo(2);
        assertThat(stderr)
                .contains("comment-service must be from 1 to 9, not 0")
                .contains("Usage: run-local.sh [--replicas");
    }

    @Test
    void furtherReplicasListenOnTheirServicesPortPlusAHundredEach() {
        assertThat(StackPorts.replicaPort(8082, 1)).isEqualTo(8082);
        assertThat(StackPorts.replicaPort(8082, 2)).isEqualTo(8182);
        assertThat(StackPorts.replicaPort(8083, 3)).isEqualTo(8283);
        assertThat(StackPorts.replicaPort(0, 2))
                .as("free-picked stays free-picked")
                .isZero();

        StackPorts.Resolved resolved =
                StackPorts.anyFree().resolveWith(Map.of("comment-service-2", 0, "moderation-service-2", 0));
        List<Integer> all = new java.util.ArrayList<>(resolved.ports().byName().values());
        all.addAll(resolved.extra().values());
        assertThat(resolved.extra()).containsOnlyKeys("comment-service-2", "moderation-service-2");
        assertThat(all).doesNotContain(0).doesNotHaveDuplicates();
    }

    private static LocalStackConfig parse(String... args) {
        return LocalStackConfig.fromCommandLine(List.of(args), Map.of(), null);
    }

    @Test
    void freePortsAreResolvedToDistinctRealPorts() {
        StackPorts ports = StackPorts.anyFree().resolve();

        assertThat(ports.byName().values()).doesNotContain(0).doesNotHaveDuplicates();
    }
}
