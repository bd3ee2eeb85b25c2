package news.comments.moderationservice.rules;

/**
 * Where the rule set in force comes from. Today it is fixed by configuration; it is an interface so that
 * a rule set kept on a compacted topic (and edited over REST) can take its place without touching the
 * engine or the topology.
 */
@FunctionalInterface
public interface RuleSetSource {

    RuleSet current();
}
