package news.comments.moderationservice.ruleset;

import news.comments.web.problem.ProblemException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This instance's copy of every rule version (version -> the record's JSON), for reading. */
@FunctionalInterface
public interface RuleVersionStore {

    /** @throws ProblemException NOT_READY (503) while the store cannot be queried yet */
    ReadOnlyKeyValueStore<Long, byte[]> versions();
}
