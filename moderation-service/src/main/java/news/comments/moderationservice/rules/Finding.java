package news.comments.moderationservice.rules;

import news.comments.events.Decision;
import news.comments.events.Reason;

/** What one rule found: the decision it asks for and why. */
public record Finding(Decision decision, Reason reason) {

    public static Finding rejected(String code, String text) {
        return new Finding(Decision.REJECTED, new Reason(code, text));
    }

    public static Finding held(String code, String text) {
        return new Finding(Decision.HELD, new Reason(code, text));
    }
}
