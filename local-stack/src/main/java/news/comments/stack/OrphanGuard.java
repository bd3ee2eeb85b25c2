package news.comments.stack;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs another program's main class and ends this JVM when the launcher is gone, so that even a
 * {@code kill -9} of the launcher leaves no broker behind (Kafka cannot read comments.parent-pid).
 *
 * <p>Usage: {@code OrphanGuard <parentPid> [--also-stop <pid>]... <mainClass> [args...]}. The
 * {@code --also-stop} processes (the embedded PostgreSQL, which runs detached) get a fast shutdown
 * too when the parent dies.
 */
public final class OrphanGuard {

    /** Time for a clean shutdown (Kafka's own shutdown hook) before the JVM is halted. */
    private static final long HALT_AFTER_MILLIS = 20_000;

    private OrphanGuard() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: OrphanGuard <parentPid> [--also-stop <pid>]... <mainClass> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        List<Long> alsoStop = new ArrayList<>();
        int next = 1;
        while (next + 1 < args.length && "--also-stop".equals(args[next])) {
            alsoStop.add(Long.parseLong(args[next + 1]));
            next += 2;
        }
        String mainClass = args[next];
        String[] mainArgs = Arrays.copyOfRange(args, next + 1, args.length);

        watch(parentPid, alsoStop);

        MethodHandle main = MethodHandles.publicLookup()
                .findStatic(Class.forName(mainClass), "main", MethodType.methodType(void.class, String[].class));
        main.invoke(mainArgs);
    }

    private static void watch(long parentPid, List<Long> alsoStop) {
        Thread watcher = new Thread(
                () -> {
                    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
                    parent.ifPresent(handle -> handle.onExit().join());
                    System.err.println("[orphan-guard] launcher " + parentPid + " is gone; stopping");
                    for (long pid : alsoStop) {
                        ProcessHandle.of(pid).ifPresent(PostgresServer::fastShutdown);
                    }
                    Thread halter = new Thread(
                            () -> {
                                sleep(HALT_AFTER_MILLIS);
                                Runtime.getRuntime().halt(1);
                            },
                            "orphan-guard-halter");
                    halter.setDaemon(true);
                    halter.start();
                    System.exit(1);
                },
                "orphan-guard");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
