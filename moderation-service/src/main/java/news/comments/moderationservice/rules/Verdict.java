package news.comments.moderationservice.rules;

import java.util.List;
import java.util.Objects;
import news.comments.events.Decision;
import news.comments.events.Reason;

/** The rules' decision on one comment and the reasons of every rule that fired. */
public record Verdict(Decision decision, List<Reason> reasons) {

    public Verdict {
        Objects.requireNonNull(decision, "decision");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static Verdict approved() {
        return new Verdict(Decision.APPROVED, List.of());
    }

    public List<String> reasonCodes() {
        return reasons.stream().map(Reason::code).toList();
    }
}
