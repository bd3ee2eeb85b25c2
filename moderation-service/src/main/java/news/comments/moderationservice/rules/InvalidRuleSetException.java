package news.comments.moderationservice.rules;

import java.util.List;

/** A rule set that breaks the limits of {@link RuleSetValidation}. */
public class InvalidRuleSetException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidRuleSetException(List<String> problems) {
        super("invalid rule set: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
