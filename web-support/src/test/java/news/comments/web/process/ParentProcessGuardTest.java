package news.comments.web.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParentProcessGuardTest {

    /** A program that would run forever on its own, guarded by the pid in its first argument. */
    public static final class GuardedForever {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("clean shutdown")));
            ParentProcessGuard.exitWhenGone(Long.parseLong(args[0]), () -> System.out.println("before exit"));
            System.out.println("started");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void theActionRunsOnceTheParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder("sleep", "300").start();
        try {
            CountDownLatch ran = new CountDownLatch(1);
            ParentProcessGuard.whenGone(parent.pid(), ran::countDown);
            assertThat(ran.await(500, TimeUnit.MILLISECONDS))
                    .as("not while the parent lives")
                    .isFalse();

            parent.destroyForcibly();

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void theActionRunsAtOnceWhenTheParentIsAlreadyGone() throws Exception {
        Process parent = new ProcessBuilder("true").start();
        parent.waitFor();
        CountDownLatch ran = new CountDownLatch(1);

        ParentProcessGuard.whenGone(parent.pid(), ran::countDown);

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aGuardedJvmShutsDownCleanlyWhenItsParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder("sleep", "300").start();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process guarded = new ProcessBuilder(List.of(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        GuardedForever.class.getName(),
                        Long.toString(parent.pid())))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(guarded.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("started");
            assertThat(guarded.waitFor(1, TimeUnit.SECONDS))
                    .as("runs while the parent lives")
                    .isFalse();

            parent.destroyForcibly(); // like kill -9 of the launcher

            await().atMost(Duration.ofSeconds(30)).until(() -> !guarded.isAlive());
            assertThat(guarded.exitValue()).isZero();
            assertThat(out.lines().collect(Collectors.toList())).containsExactly("before exit", "clean shutdown");
        } finally {
            guarded.destroyForcibly();
            parent.destroyForcibly();
        }
    }
}
