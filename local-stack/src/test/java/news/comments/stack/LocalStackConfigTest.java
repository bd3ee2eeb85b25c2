package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
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
    void freePortsAreResolvedToDistinctRealPorts() {
        StackPorts ports = StackPorts.anyFree().resolve();

        assertThat(ports.byName().values()).doesNotContain(0).doesNotHaveDuplicates();
    }
}
