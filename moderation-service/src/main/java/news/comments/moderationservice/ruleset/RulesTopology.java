package news.comments.moderationservice.ruleset;

import news.comments.events.RuleSetPublished;
import news.comments.events.Topic;
import news.comments.events.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rule set versions, as a part of the Streams app of its own:
 *
 * <ul>
 *   <li>a global store {@code rule-versions} (version -> record) on every instance, fed by the whole
 *       {@code moderation.rules.v1} and restored before any stream task runs, so no comment is judged by stale
 *       rules after a restart; a record that cannot be read goes to {@code moderation.rules.v1.DLT} through the
 *       app's deserialization handler, which Kafka Streams applies on the global thread too;</li>
 *   <li>a stream task that turns proposals ({@link #PROPOSALS_TOPIC}, one partition) into versions, in order
 *       and exactly once: {@link VersionAssigner}.</li>
 * </ul>
 */
public final class RulesTopology {

    /** Internal to moderation-service: moderators' changes, in the order they are decided. */
    public static final String PROPOSALS_TOPIC = "moderation.rules.proposals.v1";

    public static final String RULE_VERSIONS_STORE = "rule-versions";
    public static final String RULES_HEAD_STORE = "rules-head";

    private static final Topic<RuleSetPublished> RULES = Topics.MODERATION_RULES;

    /** Internal, one type, no type header; a field added by a newer instance is ignored by an older one. */
    static final Serde<RuleSetProposal> PROPOSAL_SERDE = proposalSerde();

    private RulesTopology() {}

    public static void addTo(StreamsBuilder builder, RuleVersions versions) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(RULE_VERSIONS_STORE), Serdes.Long(), Serdes.ByteArray())
                        .withLoggingDisabled(), // the rules topic is its changelog
                RULES.name(),
                Consumed.with(RULES.keySerde(), RULES.valueSerde()).withName("rule-versions-in"),
                () -> new RuleVersionRecorder(versions));

        long configuredVersion = versions.configuredVersion();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RULES_HEAD_STORE), Serdes.String(), Serdes.Long()));
        builder.stream(
                        PROPOSALS_TOPIC,
                        Consumed.with(Serdes.String(), PROPOSAL_SERDE).withName("rule-proposals-in"))
                .process(
                        () -> new VersionAssigner(configuredVersion), Named.as("assign-rule-version"), RULES_HEAD_STORE)
                .to(
                        RULES.name(),
                        Produced.with(RULES.keySerde(), RULES.valueSerde()).withName("rule-versions-out"));
    }

    private static Serde<RuleSetProposal> proposalSerde() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return new JacksonJsonSerde<>(
                new JacksonJsonSerializer<RuleSetProposal>(mapper).noTypeInfo(),
                new JacksonJsonDeserializer<>(RuleSetProposal.class, mapper, false));
    }
}
