package news.comments.moderationservice.rules;

/** Where the rule set in force comes from: the rules topic in the running service, a fixed set in tests. */
@FunctionalInterface
public interface RuleSetSource {

    RuleSet current();
}
