package news.comments.web.process;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * A launcher that starts the gateway or a service as a child process passes its pid in
 * {@value #PARENT_PID}; once that process is gone (Ctrl-C, or even kill -9) the child shuts itself down
 * instead of living on as an orphan.
 */
@AutoConfiguration
@ConditionalOnProperty(ParentProcessGuardAutoConfiguration.PARENT_PID)
public class ParentProcessGuardAutoConfiguration {

    public static final String PARENT_PID = "comments.parent-pid";

    @Bean
    WatchedParent watchedParent(@Value("${" + PARENT_PID + "}") long parentPid) {
        ParentProcessGuard.exitWhenGone(parentPid, () -> {});
        return new WatchedParent(parentPid);
    }

    /** The launcher this process watches. */
    public record WatchedParent(long pid) {}
}
