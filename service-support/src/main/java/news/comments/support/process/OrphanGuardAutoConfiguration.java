package news.comments.support.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * When a launcher starts this service as a child process it passes its pid in
 * {@code comments.parent-pid}; once that process is gone (Ctrl-C, or even kill -9) the service shuts
 * itself down instead of living on as an orphan.
 */
@AutoConfiguration
@ConditionalOnProperty("comments.parent-pid")
public class OrphanGuardAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OrphanGuardAutoConfiguration.class);

    @Bean
    OrphanGuard orphanGuard(@Value("${comments.parent-pid}") long parentPid) {
        return new OrphanGuard(parentPid);
    }

    public static final class OrphanGuard {

        OrphanGuard(long parentPid) {
            ProcessHandle.of(parentPid)
                    .ifPresentOrElse(parent -> parent.onExit().thenRun(() -> exit(parentPid)), () -> exit(parentPid));
        }

        private static void exit(long parentPid) {
            log.warn("Parent process {} is gone; shutting down", parentPid);
            // A new thread: System.exit runs the shutdown hooks (graceful Spring shutdown) and must not
            // block the thread that completes the onExit future.
            new Thread(() -> System.exit(0), "orphan-guard-exit").start();
        }
    }
}
