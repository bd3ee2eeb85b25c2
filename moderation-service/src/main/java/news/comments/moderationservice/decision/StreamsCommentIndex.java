package news.comments.moderationservice.decision;

import java.util.Optional;
import java.util.UUID;
import news.comments.moderationservice.moderation.CommentIndexEntry;
import news.comments.moderationservice.moderation.ModerationTopology;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/** The global comment index store of the running Kafka Streams app: every instance holds all of it. */
@Component
class StreamsCommentIndex implements CommentIndex {

    private final StreamsBuilderFactoryBean streams;

    StreamsCommentIndex(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public Optional<CommentIndexEntry> find(UUID commentId) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            throw notReady();
        }
        try {
            ReadOnlyKeyValueStore<String, CommentIndexEntry> store =
                    kafkaStreams.store(StoreQueryParameters.fromNameAndType(
                            ModerationTopology.COMMENT_INDEX_STORE, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(store.get(commentId.toString()));
        } catch (InvalidStateStoreException e) {
            throw notReady();
        }
    }

    private static ProblemException notReady() {
        return new ProblemException(ProblemType.NOT_READY, "The comment index is not ready yet; try again in a moment.")
                .withHeader("Retry-After", "2");
    }
}
