package news.comments.stack;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import news.comments.web.process.ParentProcessGuard;

/**
 * Runs another program's main class under the {@link ParentProcessGuard} of the gateway and the services,
 * for a program that cannot read comments.parent-pid (the Kafka broker): even a {@code kill -9} of the
 * launcher leaves no broker behind.
 *
 * <p>Usage: {@code OrphanGuard <parentPid> [--also-stop <pid>]... <mainClass> [args...]}. The
 * {@code --also-stop} processes (the embedded PostgreSQL, which runs detached) get a fast shutdown
 * too when the parent dies.
 */
public final class OrphanGuard {

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

        ParentProcessGuard.exitWhenGone(parentPid, () -> {
            for (long pid : alsoStop) {
                ProcessHandle.of(pid).ifPresent(PostgresServer::fastShutdown);
            }
        });

        MethodHandle main = MethodHandles.publicLookup()
                .findStatic(Class.forName(mainClass), "main", MethodType.methodType(void.class, String[].class));
        main.invoke(mainArgs);
    }
}
