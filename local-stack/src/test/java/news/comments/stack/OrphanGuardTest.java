package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrphanGuardTest {

    /** A program that would run forever on its own. */
    public static final class RunsForever {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void guardedProgramAndItsAlsoStopProcessEndWhenTheParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder("sleep", "300").start();
        Process alsoStopped = new ProcessBuilder("sleep", "300").start();
        Process guarded = new ProcessBuilder(List.of(
                        Java.executable(),
                        "-cp",
                        Java.classPath(),
                        OrphanGuard.class.getName(),
                        Long.toString(parent.pid()),
                        "--also-stop",
                        Long.toString(alsoStopped.pid()),
                        RunsForever.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(guarded.waitFor(1, TimeUnit.SECONDS))
                    .as("runs while the parent lives")
                    .isFalse();

            parent.destroyForcibly(); // like kill -9 of the launcher

            await().atMost(Duration.ofSeconds(30)).until(() -> !guarded.isAlive() && !alsoStopped.isAlive());
        } finally {
            guarded.destroyForcibly();
            alsoStopped.destroyForcibly();
            parent.destroyForcibly();
        }
    }
}
