package news.comments.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import news.comments.stack.LocalStack;
import news.comments.stack.LocalStackConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the whole system once per test run (it takes a minute on two cores) through the local
 * stack library: a temp data folder, free ports, the packaged service jars of this repository. It
 * is stopped when the run ends (JUnit closes the root store's AutoCloseable values).
 *
 * <p>System property {@code comments.systemtest.service-env} ({@code NAME=value;NAME=value}) adds
 * environment to every service, e.g. to lift rate limits for the load tests.
 */
final class SharedStack implements BeforeAllCallback, ParameterResolver {

    /** What a test gets: the running stack and a client of its gateway. */
    record SystemUnderTest(LocalStack stack, Api api) {
        String moderatorToken() {
            return api.moderatorToken(stack.moderatorUser(), stack.moderatorPassword());
        }
    }

    private static final class Running implements AutoCloseable {
        final SystemUnderTest system;
        final Path dataDirectory;

        Running(SystemUnderTest system, Path dataDirectory) {
            this.system = system;
            this.dataDirectory = dataDirectory;
        }

        @Override
        public void close() {
            system.stack().close();
            deleteQuietly(dataDirectory);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SystemUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).system;
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedStack.class, key -> start(), Running.class);
    }

    private static Running start() {
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("comments-system-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack stack = startStack(dataDirectory);
        return new Running(new SystemUnderTest(stack, new Api(stack.gatewayUrl())), dataDirectory);
    }

    /** A whole stack of its own in {@code dataDirectory}, as the shared one (for tests that break parts of it). */
    static LocalStack startStack(Path dataDirectory) {
        return startStack(dataDirectory, builder -> {});
    }

    /** As {@link #startStack(Path)}, with more settings (e.g. replicas). */
    static LocalStack startStack(Path dataDirectory, Consumer<LocalStackConfig.Builder> settings) {
        LocalStackConfig.Builder builder = LocalStackConfig.builder(dataDirectory)
                .repositoryDirectory(Path.of(System.getProperty("comments.stack.repo-dir", "..")))
                .moderatorUser("system-test-moderator")
                .startServices(true)
                .seed(false)
                .startupTimeout(Duration.ofMinutes(5))
                .serviceEnvironment(extraEnvironment());
        settings.accept(builder);
        return LocalStack.start(builder.build());
    }

    private static Map<String, String> extraEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        // Every test client is one address (127.0.0.1): lift the per-client write and sign-in limits
        // (the race test alone posts 600 comments). The gateway's own tests cover the limits; the
        // property below can set them back.
        env.put("COMMENTS_GATEWAY_RATELIMIT_COMMENTS_REQUESTS", "1000000");
        env.put("COMMENTS_GATEWAY_RATELIMIT_SIGNIN_REQUESTS", "100000");
        // The test client may stand for several readers (a report threshold counts distinct readers):
        // it plays a trusted proxy, so its X-Forwarded-For names the reader. Without that header it is 127.0.0.1.
        env.put("COMMENTS_GATEWAY_TRUSTEDPROXIES", "127.0.0.1,::1");
        // DashboardQueriesSystemTest scrapes with Debian's Prometheus 2.42, which drops a whole scrape that has
        // exemplars on a timer's _count (2.43 and later take them); the README says the same to ops.
        env.put("COMMENTS_METRICS_EXEMPLARS", "false");
        String spec = System.getProperty("comments.systemtest.service-env", "");
        for (String pair : spec.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                env.put(
                        pair.substring(0, equals).trim(),
                        pair.substring(equals + 1).trim());
            }
        }
        return env;
    }

    static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
