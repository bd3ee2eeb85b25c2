package news.comments.moderationservice.ruleset;

import news.comments.events.RuleSetPublished;
import news.comments.events.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** The rule version store holds each record as the topic's own JSON, so a stored value reads like a record. */
final class RuleVersionCodec {

    private static final Serializer<RuleSetPublished> SERIALIZER =
            Topics.MODERATION_RULES.valueSerde().serializer();
    private static final Deserializer<RuleSetPublished> DESERIALIZER =
            Topics.MODERATION_RULES.valueSerde().deserializer();

    private RuleVersionCodec() {}

    static byte[] encode(RuleSetPublished published) {
        return SERIALIZER.serialize(Topics.MODERATION_RULES.name(), published);
    }

    /** @throws RuntimeException when the bytes are not a RuleSetPublished */
    static RuleSetPublished decode(byte[] stored) {
        return DESERIALIZER.deserialize(Topics.MODERATION_RULES.name(), stored);
    }
}
