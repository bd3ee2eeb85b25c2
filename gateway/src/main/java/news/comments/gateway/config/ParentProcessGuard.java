package news.comments.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Exits the JVM when the launching process ({@code comments.parent-pid}) is gone, so a killed
 * launcher never leaves a gateway behind.
 */
@Component
@ConditionalOnProperty("comments.parent-pid")
public class ParentProcessGuard {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessGuard.class);

    private final long parentPid;

    private final ApplicationContext context;

    public ParentProcessGuard(org.springframework.core.env.Environment environment, ApplicationContext context) {
        this.parentPid = Long.parseLong(
                environment.getRequiredProperty("comments.parent-pid").trim());
        this.context = context;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void watchParent() {
        ProcessHandle.of(this.parentPid)
                .ifPresentOrElse(
                        parent -> {
                            log.info("Watching parent process {}: the gateway stops when it ends", this.parentPid);
                            parent.onExit().thenRun(this::exit);
                        },
                        this::exit);
    }

    private void exit() {
        log.warn("Parent process {} is gone: shutting down", this.parentPid);
        // A fresh thread: the shutdown must not run on the thread that completes onExit().
        Thread thread =
                new Thread(() -> System.exit(SpringApplication.exit(this.context, () -> 0)), "parent-process-exit");
        thread.setDaemon(false);
        thread.start();
    }
}
