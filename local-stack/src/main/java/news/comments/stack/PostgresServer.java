package news.comments.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (zonky's embedded binaries) whose data directory lives in the stack's data
 * folder and is never cleaned, so the databases survive restarts.
 */
final class PostgresServer implements AutoCloseable {

    static final String USERNAME = "postgres";
    /** initdb runs with trust authentication on loopback only; the driver still wants a password. */
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static PostgresServer start(Path dataDirectory, int port, Path logFile, List<String> databases) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Trust authentication is only acceptable because nothing outside this machine can connect.
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200")
                    // The embedded server's defaults (fsync, synchronous_commit and full_page_writes off) suit
                    // throwaway test databases; this one keeps what clients were told is stored (a 202),
                    // across a crash of the machine too. Under load, commits share one flush (group commit).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            PostgresServer server = new PostgresServer(postgres, dataDirectory);
            server.createMissing(databases);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port + "; see " + logFile, e);
        }
    }

    /**
     * A launcher killed with -9 can leave its PostgreSQL running (it runs detached); that server
     * still owns the data directory and the port, so stop it before starting ours.
     */
    static void stopLeftover(Path dataDirectory) {
        postmasterPid(dataDirectory)
                .flatMap(ProcessHandle::of)
                .filter(handle -> handle.info()
                        .command()
                        .map(command -> command.contains("postgres"))
                        .orElse(false))
                .ifPresent(leftover -> {
                    System.err.println("[local-stack] stopping a PostgreSQL left over from an earlier run (pid "
                            + leftover.pid() + ")");
                    fastShutdown(leftover);
                    try {
                        leftover.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        leftover.destroyForcibly();
                    }
                });
    }

    /**
     * Asks a postmaster for a fast shutdown (SIGINT: roll back open sessions, stop now). SIGTERM,
     * all that {@link ProcessHandle#destroy()} can send, is a smart shutdown that waits for every
     * client to disconnect first.
     */
    static void fastShutdown(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill command (not a Unix): fall back to what Java can send
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postmaster.destroy();
    }

    private static Optional<Long> postmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The server process, so the broker's orphan guard can stop it when the launcher dies. */
    Optional<Long> pid() {
        return postmasterPid(dataDirectory);
    }

    private void createMissing(List<String> databases) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String database : databases) {
                if (!exists(connection, database)) {
                    try (Statement statement = connection.createStatement()) {
                        // Names are our own constants, never user input.
                        statement.execute("CREATE DATABASE \"" + database + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the databases " + databases + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = pid().flatMap(ProcessHandle::of);
        try {
            postgres.close(); // pg_ctl stop -m fast
        } catch (IOException e) {
            System.err.println("[local-stack] PostgreSQL did not stop cleanly: " + e.getMessage());
        }
        // pg_ctl returns once the pid file is gone; the postmaster itself may still be exiting.
        postmaster.ifPresent(process -> {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                System.err.println("[local-stack] PostgreSQL (pid " + process.pid() + ") did not stop; killing it");
                process.destroyForcibly();
            }
        });
    }
}
