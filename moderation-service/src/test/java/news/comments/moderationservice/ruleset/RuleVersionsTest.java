package news.comments.moderationservice.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import news.comments.events.RuleSetPublished;
import news.comments.moderationservice.rules.RuleSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The versions an instance holds and the one in force, over a real (in-memory) store. */
class RuleVersionsTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final RuleSet DEFAULTS = RuleSet.defaults().withVersion(2);

    private KeyValueStore<Long, byte[]> store;
    private RuleVersions versions;

    @BeforeEach
    void emptyStore() {
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(RulesTopology.RULE_VERSIONS_STORE),
                        Serdes.Long(),
                        Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        versions = new RuleVersions(DEFAULTS, () -> store);
    }

    @Test
    void untilAHigherVersionIsStoredTheConfiguredDefaultsAreInForce() {
        store(1, "old", 9);
        versions.loaded(store);

        assertThat(versions.current()).isEqualTo(DEFAULTS);
        assertThat(versions.inForce().publishedBy()).isEqualTo("configuration");
    }

    @Test
    void theLoadedStoreIsScannedForTheHighestValidVersionSkippingInvalidOnes() {
        store(3, "a", 3);
        store(5, "b", 5);
        store.put(7L, "{not json".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> invalid = rules(6, 1);
        invalid.put("maxLength", -5);
        store.put(6L, RuleVersionCodec.encode(new RuleSetPublished(6, invalid, "c", AT)));

        versions.loaded(store);

        assertThat(versions.current().version()).isEqualTo(5);
        assertThat(versions.current().maxLinks()).isEqualTo(5);
        assertThat(versions.find(6)).isEmpty();
        assertThat(versions.find(7)).isEmpty();
    }

    @Test
    void theListIsNewestFirstWithTheDefaultsAsTheOldestWhenTheirVersionIsNotStored() {
        store(3, "a", 3);
        store(4, "b", 4);
        versions.loaded(store);

        assertThat(versions.list())
                .containsExactly(
                        new RuleVersions.Summary(4, "b", AT),
                        new RuleVersions.Summary(3, "a", AT),
                        new RuleVersions.Summary(2, "configuration", null));
        assertThat(versions.find(2)).hasValue(RuleVersion.configured(DEFAULTS));
        assertThat(versions.find(1)).isEmpty();
    }

    @Test
    void aStoredVersionOfTheDefaultsNumberIsListedOnce() {
        store(2, "a", 3);

        assertThat(versions.list()).containsExactly(new RuleVersions.Summary(2, "a", AT));
        assertThat(versions.find(2))
                .hasValueSatisfying(v -> assertThat(v.publishedBy()).isEqualTo("a"));
    }

    @Test
    void awaitingAVersionAnswersWhenItIsRecordedAndGivesUpAfterItsTimeout() throws Exception {
        CompletableFuture<java.util.Optional<RuleVersion>> waiting =
                CompletableFuture.supplyAsync(() -> versions.await(3, Duration.ofSeconds(10)));
        Thread.sleep(100);
        RuleVersion three = RuleVersion.of(store(3, "a", 3));
        versions.recorded(three);

        assertThat(waiting.get(5, TimeUnit.SECONDS)).hasValue(three);
        assertThat(versions.current().version()).isEqualTo(3);
        assertThat(versions.await(3, Duration.ZERO)).hasValue(three); // already stored
        assertThat(versions.await(4, Duration.ofMillis(50))).isEmpty();
    }

    private RuleSetPublished store(long version, String by, int maxLinks) {
        RuleSetPublished published = new RuleSetPublished(version, rules(version, maxLinks), by, AT, UUID.randomUUID());
        store.put(version, RuleVersionCodec.encode(published));
        return published;
    }

    private static Map<String, Object> rules(long version, int maxLinks) {
        Map<String, Object> map =
                RuleSetDocument.of(DEFAULTS.withVersion(version)).toMap();
        map.put("maxLinks", maxLinks);
        return map;
    }
}
