package news.comments.moderationservice.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import news.comments.events.EventDeserializer;
import news.comments.events.EventSerializer;
import news.comments.events.RuleSetPublished;
import news.comments.events.Topics;
import news.comments.moderationservice.rules.RuleSet;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The rules topology in a TopologyTestDriver: proposals become versions in order, keyed by version, and every
 * record on the rules topic (the driver feeds the topology's own output back into the global store) is held
 * by version.
 */
class RulesTopologyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final RuleSet DEFAULTS = RuleSet.defaults().withVersion(1);

    private Path stateDir;
    private TopologyTestDriver driver;
    private RuleVersions versions;
    private TestInputTopic<String, RuleSetProposal> proposals;
    private TestInputTopic<String, RuleSetPublished> rules;
    private TestInputTopic<String, byte[]> rawRules;
    private TestOutputTopic<String, RuleSetPublished> published;

    @BeforeEach
    void start() throws Exception {
        stateDir = Files.createTempDirectory("rules-topology");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rules-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

        versions = new RuleVersions(DEFAULTS, () -> driver.getKeyValueStore(RulesTopology.RULE_VERSIONS_STORE));
        StreamsBuilder builder = new StreamsBuilder();
        RulesTopology.addTo(builder, versions);
        driver = new TopologyTestDriver(builder.build(), config, NOW);
        proposals = driver.createInputTopic(
                RulesTopology.PROPOSALS_TOPIC, new StringSerializer(), RulesTopology.PROPOSAL_SERDE.serializer());
        rules = driver.createInputTopic(
                Topics.MODERATION_RULES.name(), new StringSerializer(), new EventSerializer<>());
        rawRules = driver.createInputTopic(
                Topics.MODERATION_RULES.name(), new StringSerializer(), new ByteArraySerializer());
        published = driver.createOutputTopic(
                Topics.MODERATION_RULES.name(),
                new StringDeserializer(),
                new EventDeserializer<>(RuleSetPublished.class));
    }

    @AfterEach
    void stop() {
        driver.close();
        FileSystemUtils.deleteRecursively(stateDir.toFile());
    }

    @Test
    void aProposalBasedOnTheNewestVersionIsPublishedAsTheNextVersionKeyedByItWithItsProposalId() {
        RuleSetProposal proposal = propose(1, 5);

        TestRecord<String, RuleSetPublished> record = published.readRecord();
        assertThat(record.key()).isEqualTo("2");
        assertThat(record.value().version()).isEqualTo(2);
        assertThat(record.value().proposalId()).isEqualTo(proposal.proposalId());
        assertThat(record.value().publishedBy()).isEqualTo("mod");
        assertThat(record.value().publishedAt()).isEqualTo(NOW);
        assertThat(record.value().rules()).containsEntry("maxLinks", 5);
        assertThat(published.isEmpty()).isTrue();
        assertThat(versions.current().version()).isEqualTo(2);
        assertThat(versions.current().maxLinks()).isEqualTo(5);
        assertThat(versions.find(2))
                .hasValueSatisfying(v -> assertThat(v.proposalId()).isEqualTo(proposal.proposalId()));
    }

    @Test
    void aProposalBasedOnAnOlderOrUnknownVersionIsDropped() {
        propose(1, 5);
        published.readRecord();

        propose(1, 6);
        propose(7, 6);

        assertThat(published.isEmpty()).isTrue();
        assertThat(versions.current().version()).isEqualTo(2);
    }

    @Test
    void ofTwoProposalsOnTheSameVersionOnlyTheFirstIsPublished() {
        RuleSetProposal first = propose(1, 5);
        propose(1, 9);

        assertThat(published.readValuesToList())
                .singleElement()
                .satisfies(v -> assertThat(v.proposalId()).isEqualTo(first.proposalId()));
        assertThat(versions.current().maxLinks()).isEqualTo(5);
    }

    @Test
    void theLastAssignedVersionCountsEvenBeforeTheGlobalStoreHoldsIt() {
        // As if version 5 had been assigned but not yet read back into the global store.
        driver.<String, Long>getKeyValueStore(RulesTopology.RULES_HEAD_STORE).put(VersionAssigner.HEAD, 5L);

        propose(1, 5);
        RuleSetProposal onTheHead = propose(5, 4);

        assertThat(published.readValuesToList()).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo(6);
            assertThat(v.proposalId()).isEqualTo(onTheHead.proposalId());
        });
    }

    @Test
    void aProposalWithAnInvalidRuleSetIsDropped() {
        Map<String, Object> invalid =
                RuleSetDocument.of(DEFAULTS.withVersion(2)).toMap();
        invalid.put("maxLinks", -1);
        proposals.pipeInput("p", new RuleSetProposal(UUID.randomUUID(), 1, invalid, "mod", NOW), NOW);

        assertThat(published.isEmpty()).isTrue();
        assertThat(driver.getKeyValueStore(RulesTopology.RULES_HEAD_STORE).get(VersionAssigner.HEAD))
                .isNull();
    }

    @Test
    void recordsKeyedTheOldWayAreReadByTheVersionInTheirValueAndProposalsBuildOnThem() {
        rules.pipeInput(
                RuleSetPublished.LEGACY_KEY,
                new RuleSetPublished(4, rulesWithMaxLinks(4, 3), "old-mod", NOW.minusSeconds(60)),
                NOW.minusSeconds(60));

        assertThat(versions.current().version()).isEqualTo(4);
        assertThat(versions.find(4))
                .hasValueSatisfying(v -> assertThat(v.publishedBy()).isEqualTo("old-mod"));

        propose(4, 7);
        assertThat(published.readValuesToList())
                .extracting(RuleSetPublished::version)
                .containsExactly(5L);
    }

    @Test
    void theFirstRecordOfAVersionWinsAndAnInvalidOneIsIgnored() {
        rules.pipeInput("3", new RuleSetPublished(3, rulesWithMaxLinks(3, 3), "first", NOW), NOW);
        rules.pipeInput("3", new RuleSetPublished(3, rulesWithMaxLinks(3, 8), "second", NOW), NOW);
        Map<String, Object> invalid = rulesWithMaxLinks(4, 3);
        invalid.remove("bannedWords");
        rules.pipeInput("4", new RuleSetPublished(4, invalid, "broken", NOW), NOW);

        assertThat(versions.find(3))
                .hasValueSatisfying(v -> assertThat(v.publishedBy()).isEqualTo("first"));
        assertThat(versions.find(4)).isEmpty();
        assertThat(versions.current().version()).isEqualTo(3);
    }

    @Test
    void aPoisonRecordOnTheRulesTopicIsSkippedAndTheStoreGoesOn() {
        // The driver always logs and skips on its global task; the app's handler, which Kafka Streams applies on
        // the real global thread, parks the record on the DLT (ModerationServiceIntegrationTest).
        rawRules.pipeInput("poison", "\u0000{not json".getBytes(StandardCharsets.UTF_8), NOW);
        rules.pipeInput("2", new RuleSetPublished(2, rulesWithMaxLinks(2, 3), "mod", NOW), NOW);

        assertThat(versions.current().version()).isEqualTo(2);
        assertThat(versions.list()).extracting(RuleVersions.Summary::version).containsExactly(2L, 1L);
    }

    private RuleSetProposal propose(long basedOn, int maxLinks) {
        RuleSetProposal proposal =
                new RuleSetProposal(UUID.randomUUID(), basedOn, rulesWithMaxLinks(basedOn + 1, maxLinks), "mod", NOW);
        proposals.pipeInput(proposal.proposalId().toString(), proposal, NOW);
        return proposal;
    }

    private static Map<String, Object> rulesWithMaxLinks(long version, int maxLinks) {
        Map<String, Object> map =
                RuleSetDocument.of(DEFAULTS.withVersion(version)).toMap();
        map.put("maxLinks", maxLinks);
        return map;
    }
}
