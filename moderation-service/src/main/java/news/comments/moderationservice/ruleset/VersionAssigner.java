package news.comments.moderationservice.ruleset;

import news.comments.events.RuleSetPublished;
import news.comments.moderationservice.rules.InvalidRuleSetException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of rule set versions. Proposals arrive in order on a one-partition topic; one based on the
 * newest version becomes the next version, any other is dropped (its moderator gets 409). The newest version
 * is the highest of: the last one assigned here ({@code rules-head}, written in the same transaction as the
 * new version), the highest on the topic (the global store, for versions written before this processor or by
 * anything else) and the configured defaults.
 */
class VersionAssigner implements Processor<String, RuleSetProposal, String, RuleSetPublished> {

    private static final Logger log = LoggerFactory.getLogger(VersionAssigner.class);
    static final String HEAD = "head";

    private final long configuredVersion;
    private ProcessorContext<String, RuleSetPublished> context;
    private KeyValueStore<String, Long> head;
    private ReadOnlyKeyValueStore<Long, byte[]> versions;

    VersionAssigner(long configuredVersion) {
        this.configuredVersion = configuredVersion;
    }

    @Override
    public void init(ProcessorContext<String, RuleSetPublished> context) {
        this.context = context;
        this.head = context.getStateStore(RulesTopology.RULES_HEAD_STORE);
        this.versions = context.getStateStore(RulesTopology.RULE_VERSIONS_STORE);
    }

    @Override
    public void process(Record<String, RuleSetProposal> record) {
        RuleSetProposal proposal = record.value();
        if (proposal == null) {
            return;
        }
        long newest = newest();
        if (proposal.basedOn() != newest) {
            log.info(
                    "Rule set proposal {} by {} dropped: based on version {}, but {} is the newest",
                    proposal.proposalId(),
                    proposal.proposedBy(),
                    proposal.basedOn(),
                    newest);
            return;
        }
        long next = newest + 1;
        RuleSetPublished published = new RuleSetPublished(
                next, proposal.rules(), proposal.proposedBy(), proposal.proposedAt(), proposal.proposalId());
        try {
            RuleVersion.of(published);
        } catch (InvalidRuleSetException e) {
            log.info("Rule set proposal {} dropped: invalid: {}", proposal.proposalId(), e.problems());
            return;
        }
        head.put(HEAD, next);
        context.forward(new Record<>(
                published.partitionKey(), published, published.publishedAt().toEpochMilli()));
        log.info("Rule set proposal {} by {} is version {}", proposal.proposalId(), proposal.proposedBy(), next);
    }

    private long newest() {
        long newest = configuredVersion;
        Long assigned = head.get(HEAD);
        if (assigned != null) {
            newest = Math.max(newest, assigned);
        }
        // Versions are non-negative longs stored big-endian, so the store's order is numeric: the last is highest.
        try (KeyValueIterator<Long, byte[]> highest = versions.reverseAll()) {
            if (highest.hasNext()) {
                KeyValue<Long, byte[]> top = highest.next();
                newest = Math.max(newest, top.key);
            }
        }
        return newest;
    }
}
