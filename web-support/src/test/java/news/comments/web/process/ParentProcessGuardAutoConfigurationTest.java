package news.comments.web.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ParentProcessGuardAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ParentProcessGuardAutoConfiguration.class));

    @Test
    void theLauncherNamedInParentPidIsWatched() {
        // The build that forked this test JVM: it outlives the test (this process may not watch itself).
        long launcher = ProcessHandle.current().parent().orElseThrow().pid();
        this.runner
                .withPropertyValues(ParentProcessGuardAutoConfiguration.PARENT_PID + "=" + launcher)
                .run(context -> assertThat(context)
                        .getBean(ParentProcessGuardAutoConfiguration.WatchedParent.class)
                        .extracting(ParentProcessGuardAutoConfiguration.WatchedParent::pid)
                        .isEqualTo(launcher));
    }

    @Test
    void withoutALauncherNothingIsWatched() {
        this.runner.run(context ->
                assertThat(context).doesNotHaveBean(ParentProcessGuardAutoConfiguration.WatchedParent.class));
    }
}
