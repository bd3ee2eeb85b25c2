package news.comments.moderationservice.ruleset;

import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** The global rule version store of the running Kafka Streams app: queryable once the app runs. */
class StreamsRuleVersionStore implements RuleVersionStore {

    private final StreamsBuilderFactoryBean streams;

    StreamsRuleVersionStore(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public ReadOnlyKeyValueStore<Long, byte[]> versions() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            throw notReady();
        }
        try {
            return kafkaStreams.store(StoreQueryParameters.fromNameAndType(
                    RulesTopology.RULE_VERSIONS_STORE, QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw notReady();
        }
    }

    private static ProblemException notReady() {
        return new ProblemException(
                        ProblemType.NOT_READY, "The rule versions are not loaded yet; try again in a moment.")
                .withHeader("Retry-After", "2");
    }
}
