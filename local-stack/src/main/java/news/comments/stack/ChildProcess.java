package news.comments.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One child process of the launcher whose output goes to its own log file. */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    static ChildProcess start(
            String name, List<String> command, Map<String, String> environment, Path workingDirectory, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    /** Runs a command to its end (e.g. formatting Kafka's storage) and fails when it fails. */
    static void run(String name, List<String> command, Path workingDirectory, Path logFile, Duration timeout) {
        ChildProcess child = start(name, command, Map.of(), workingDirectory, logFile);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.stop(Duration.ofSeconds(5));
                throw new IllegalStateException(
                        name + " did not finish within " + timeout.toSeconds() + " s; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.stop(Duration.ofSeconds(5));
            throw new IllegalStateException(name + " was interrupted", e);
        }
        if (child.process.exitValue() != 0) {
            throw new IllegalStateException(
                    name + " failed with exit code " + child.process.exitValue() + "; see " + logFile);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Asks politely (SIGTERM: Spring and Kafka shut down cleanly), then forces. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println(
                        "[local-stack] " + name + " did not stop within " + grace.toSeconds() + " s; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Kills at once (SIGKILL: no shutdown hook, no clean close), as a crash or the OOM killer would. */
    void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
