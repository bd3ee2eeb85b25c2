package news.comments.systemtest;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Says in the build output why a test did not run (for example the Docker Compose test on a machine
 * without a Docker engine), instead of leaving only a "Skipped: 1" count.
 */
public class SkippedTestReporter implements TestExecutionListener {

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        System.out.println("SKIPPED " + test.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // nothing: passes and failures are reported by the runner itself
    }
}
