package news.comments.stack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A launcher in a JVM of its own for {@link LocalStackLeftoversTest}: Kafka and PostgreSQL (no
 * services) on the data folder and ports given as arguments; prints READY once both answer and runs
 * until it is signalled or killed, like {@code run-local.sh}.
 */
public final class StackInChildProcess {

    static final String READY = "READY";

    private StackInChildProcess() {}

    public static void main(String[] args) throws InterruptedException {
        int kafka = Integer.parseInt(args[1]);
        int controller = Integer.parseInt(args[2]);
        int postgres = Integer.parseInt(args[3]);
        LocalStack.start(LocalStackConfig.builder(Path.of(args[0]))
                .startServices(false)
                .moderatorPassword("not-used-here")
                .ports(new StackPorts(0, 0, 0, 0, 0, kafka, controller, postgres))
                .build());
        System.out.println(READY);
        new CountDownLatch(1).await(); // the shutdown hook of LocalStack stops everything on SIGTERM
    }
}
