package news.comments.moderationservice.ruleset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.comments.events.RuleSetPublished;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.moderationservice.rules.RuleSetSource;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every rule set version this instance holds, and the one in force: the highest valid version, or the
 * configured defaults until a higher version exists. {@link RuleVersionRecorder} (the global store's processor)
 * tells it what the store holds; {@link #current()} is a volatile read, cheap enough for every comment.
 */
public class RuleVersions implements RuleSetSource {

    private static final Logger log = LoggerFactory.getLogger(RuleVersions.class);

    /** One entry of the version list. */
    public record Summary(long version, String publishedBy, Instant publishedAt) {}

    private final RuleVersion configured;
    private final RuleVersionStore store;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private volatile RuleVersion inForce;

    public RuleVersions(RuleSet defaults, RuleVersionStore store) {
        this.configured = RuleVersion.configured(defaults);
        this.store = store;
        this.inForce = configured;
    }

    @Override
    public RuleSet current() {
        return inForce.rules();
    }

    /** The version in force, for the web: 503 while the store is not loaded (the defaults may be stale). */
    public RuleVersion inForce() {
        store.versions();
        return inForce;
    }

    /** The configured defaults' version: no proposal can be based on anything older. */
    long configuredVersion() {
        return configured.version();
    }

    public Optional<RuleVersion> find(long version) {
        byte[] stored = store.versions().get(version);
        if (stored == null) {
            return version == configured.version() ? Optional.of(configured) : Optional.empty();
        }
        return read(version, stored);
    }

    /** Every valid version, newest first; the configured defaults among them unless their version is stored. */
    public List<Summary> list() {
        List<Summary> list = new ArrayList<>();
        boolean configuredStored = false;
        try (KeyValueIterator<Long, byte[]> all = store.versions().reverseAll()) {
            while (all.hasNext()) {
                KeyValue<Long, byte[]> entry = all.next();
                configuredStored |= entry.key == configured.version();
                read(entry.key, entry.value).ifPresent(v -> list.add(summary(v)));
            }
        }
        if (!configuredStored) {
            list.add(summary(configured));
        }
        list.sort(Comparator.comparingLong(Summary::version).reversed());
        return list;
    }

    /** Waits, bounded, until this instance holds {@code version}; empty when it did not arrive in time. */
    public Optional<RuleVersion> await(long version, Duration timeout) {
        Waiter waiter = new Waiter(version, new CompletableFuture<>());
        waiters.add(waiter);
        try {
            // Registered before looking, so a version recorded in between completes the future.
            byte[] stored = store.versions().get(version);
            if (stored != null) {
                return read(version, stored);
            }
            return Optional.of(waiter.arrival().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiters.remove(waiter);
        }
    }

    /**
     * The store as loaded: Kafka Streams may fill it without the recorder seeing each record (from a local
     * checkpoint), so the highest valid version is looked up once.
     */
    void loaded(ReadOnlyKeyValueStore<Long, byte[]> versions) {
        try (KeyValueIterator<Long, byte[]> all = versions.reverseAll()) {
            while (all.hasNext()) {
                KeyValue<Long, byte[]> entry = all.next();
                Optional<RuleVersion> valid = read(entry.key, entry.value);
                if (valid.isPresent()) {
                    raise(valid.get());
                    break;
                }
            }
        }
        log.info("Rule set version {} in force", inForce.version());
    }

    /** A version the recorder has just stored. */
    void recorded(RuleVersion version) {
        raise(version);
        for (Waiter waiter : waiters) {
            if (waiter.version() == version.version()) {
                waiter.arrival().complete(version);
            }
        }
    }

    private synchronized void raise(RuleVersion candidate) {
        if (candidate.version() > inForce.version()) {
            inForce = candidate;
            log.info("Rule set version {} by {} is in force", candidate.version(), candidate.publishedBy());
        }
    }

    private static Optional<RuleVersion> read(long version, byte[] stored) {
        try {
            RuleSetPublished published = RuleVersionCodec.decode(stored);
            return Optional.of(RuleVersion.of(published));
        } catch (RuntimeException e) {
            log.error("Stored rule set version {} cannot be read and is skipped: {}", version, e.getMessage());
            return Optional.empty();
        }
    }

    private record Waiter(long version, CompletableFuture<RuleVersion> arrival) {}

    private static Summary summary(RuleVersion version) {
        return new Summary(version.version(), version.publishedBy(), version.publishedAt());
    }
}
