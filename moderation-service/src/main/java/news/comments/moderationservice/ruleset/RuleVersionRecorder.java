package news.comments.moderationservice.ruleset;

import news.comments.events.RuleSetPublished;
import news.comments.moderationservice.rules.InvalidRuleSetException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor of the global rule version store: every instance runs it over all of {@code moderation.rules.v1}.
 * It stores each valid version under its number (taken from the value, so records keyed "moderation-rules"
 * count too); the first record of a version wins, so every instance keeps the same one. It must not throw:
 * an exception on the global thread would stop the whole Streams app.
 *
 * <p>Kafka Streams (4.1) calls {@link #init} on one instance of this processor before restoring the store
 * (which then runs it over the records after the local checkpoint) and on another after the restore, before
 * any stream task starts; both times {@link RuleVersions#loaded} looks the store over, since what was stored
 * before the checkpoint is not processed again.
 */
class RuleVersionRecorder implements Processor<String, RuleSetPublished, Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(RuleVersionRecorder.class);

    private final RuleVersions versions;
    private KeyValueStore<Long, byte[]> store;

    RuleVersionRecorder(RuleVersions versions) {
        this.versions = versions;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(RulesTopology.RULE_VERSIONS_STORE);
        versions.loaded(store);
    }

    @Override
    public void process(Record<String, RuleSetPublished> record) {
        RuleSetPublished published = record.value();
        if (published == null) {
            // History is kept: a tombstone does not remove a version this instance already holds.
            log.warn("Tombstone with key {} on the rules topic ignored", record.key());
            return;
        }
        try {
            if (store.get(published.version()) != null) {
                log.warn(
                        "Rule set version {} by {} ignored: that version exists already (the first record wins)",
                        published.version(),
                        published.publishedBy());
                return;
            }
            RuleVersion version = RuleVersion.of(published);
            store.put(published.version(), RuleVersionCodec.encode(published));
            versions.recorded(version);
        } catch (InvalidRuleSetException e) {
            log.error("Rule set version {} is invalid and ignored: {}", published.version(), e.problems());
        } catch (RuntimeException e) {
            log.error("Rule set version {} could not be stored and is ignored", published.version(), e);
        }
    }
}
