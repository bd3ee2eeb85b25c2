package news.comments.benchmark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything this run started: the harness's own process tree (services, brokers, wrk) and the PostgreSQL
 * servers, which pg_ctl detaches from it. The rest of the machine's busy time is someone else's.
 */
final class OurProcesses {

    private static final List<Long> DETACHED = new CopyOnWriteArrayList<>();

    private OurProcesses() {}

    static void addDetached(long pid) {
        DETACHED.add(pid);
    }

    static long ticks() {
        long ticks = ProcessTicks.tree(ProcessHandle.current().pid());
        for (long pid : DETACHED) {
            ticks += ProcessTicks.tree(pid);
        }
        return ticks;
    }
}
