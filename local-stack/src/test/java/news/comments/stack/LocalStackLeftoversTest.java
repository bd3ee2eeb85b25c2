package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher that dies without cleaning up must not block the next start, and one asked to stop
 * must stop everything promptly. Each case runs a real launcher (Kafka and PostgreSQL, no services)
 * in a child JVM.
 */
class LocalStackLeftoversTest {

    @TempDir
    Path dataDirectory;

    @Test
    void theNextStartStopsWhatAKilledLauncherLeftAndGetsItsPortsBack() throws Exception {
        int[] ports = freePorts(3);
        Process launcher = startLauncher(ports);
        long postgresPid = postmasterPid();

        // kill -9 of the launcher and everything under it (a closed terminal, `timeout -s KILL`):
        // the orphan guards die too, and the detached PostgreSQL is left holding the port.
        List<ProcessHandle> tree = new ArrayList<>(launcher.descendants().toList());
        tree.add(launcher.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        launcher.waitFor(10, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive))
                .as("the killed launcher's PostgreSQL is still running (what the next start must deal with)")
                .contains(true);

        LocalStackConfig sameFolderAndPorts = LocalStackConfig.builder(dataDirectory)
                .startServices(false)
                .moderatorPassword("not-used-here")
                .ports(new StackPorts(0, 0, 0, 0, 0, ports[0], ports[1], ports[2]))
                .build();
        try (LocalStack next = LocalStack.start(sameFolderAndPorts)) {
            assertThat(ProcessHandle.of(postgresPid).filter(ProcessHandle::isAlive))
                    .as("the leftover PostgreSQL")
                    .isEmpty();
            assertThat(next.ports().postgres()).isEqualTo(ports[2]);
            assertThat(next.ports().kafka()).isEqualTo(ports[0]);
        }
        assertThat(Files.exists(dataDirectory.resolve("postgres").resolve("postmaster.pid")))
                .isFalse();
    }

    @Test
    void sigtermStopsTheBrokerAndTheDatabaseWithinFifteenSeconds() throws Exception {
        Process launcher = startLauncher(freePorts(3));
        long postgresPid = postmasterPid();
        List<ProcessHandle> children = launcher.descendants().toList();

        long started = System.nanoTime();
        launcher.destroy(); // SIGTERM, as Ctrl-C or `docker stop` would
        assertThat(launcher.waitFor(15, TimeUnit.SECONDS))
                .as("the launcher exited within 15 s of SIGTERM")
                .isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(ProcessHandle.of(postgresPid).filter(ProcessHandle::isAlive))
                .as("PostgreSQL when the launcher has exited")
                .isEmpty();
        assertThat(children)
                .as("the launcher's child processes when it has exited")
                .noneMatch(ProcessHandle::isAlive);
        System.out.println("launcher stopped " + took.toMillis() + " ms after SIGTERM");
    }

    private Process startLauncher(int[] ports) throws IOException {
        Process launcher = new ProcessBuilder(
                        Java.executable(),
                        "-cp",
                        Java.classPath(),
                        StackInChildProcess.class.getName(),
                        dataDirectory.toString(),
                        Integer.toString(ports[0]),
                        Integer.toString(ports[1]),
                        Integer.toString(ports[2]))
                .redirectErrorStream(true)
                .start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.equals(StackInChildProcess.READY)) {
                        // keep draining so the child never blocks on a full pipe
                        Thread drain = new Thread(() -> output.lines().forEach(ignored -> {}));
                        drain.setDaemon(true);
                        drain.start();
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        try {
            assertThat(ready.get(3, TimeUnit.MINUTES))
                    .as("the child launcher became ready")
                    .isTrue();
        } catch (Exception e) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            throw new AssertionError("the child launcher did not become ready: " + e, e);
        }
        return launcher;
    }

    private long postmasterPid() throws IOException {
        Path pidFile = dataDirectory.resolve("postgres").resolve("postmaster.pid");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(pidFile));
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
