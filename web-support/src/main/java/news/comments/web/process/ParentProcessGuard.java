package news.comments.web.process;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Ends this JVM once the process that launched it is gone, so that even a {@code kill -9} of the launcher
 * leaves nothing behind. Plain JDK (the local stack runs the Kafka broker under it too): the shutdown
 * hooks, Spring's graceful shutdown among them, get {@link #HALT_AFTER} before the JVM is halted.
 */
public final class ParentProcessGuard {

    /** Longer than any clean shutdown here takes (the services allow 20 s per phase). */
    static final Duration HALT_AFTER = Duration.ofSeconds(60);

    private static final System.Logger log = System.getLogger(ParentProcessGuard.class.getName());

    private ParentProcessGuard() {}

    /**
     * Once {@code parentPid} is gone (at once if it already is), runs {@code beforeExit}, then exits; the
     * JVM is halted if the shutdown hooks do not finish in time.
     */
    public static void exitWhenGone(long parentPid, Runnable beforeExit) {
        log.log(Level.INFO, "Watching parent process {0}: this process ends when it does", parentPid);
        whenGone(parentPid, () -> {
            log.log(Level.WARNING, "Parent process {0} is gone: shutting down", parentPid);
            beforeExit.run();
            Thread halter = new Thread(
                    () -> {
                        sleep(HALT_AFTER);
                        Runtime.getRuntime().halt(1);
                    },
                    "parent-process-halter");
            halter.setDaemon(true);
            halter.start();
            System.exit(0);
        });
    }

    /**
     * Runs {@code action} on a thread of its own once {@code parentPid} is gone: never on the thread that
     * completes the exit future, which System.exit would otherwise block.
     */
    static void whenGone(long parentPid, Runnable action) {
        ProcessHandle.of(parentPid)
                .map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null))
                .thenRunAsync(action, task -> new Thread(task, "parent-process-guard").start());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
