package news.comments.moderationservice.rules.web;

import java.util.List;
import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.moderationservice.rules.RuleSetSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rule set in force, for moderators. */
@RestController
@RequestMapping("/api/moderation/rules")
public class RulesController {

    private final RuleSetSource rules;
    private final ModerationSettings settings;

    public RulesController(RuleSetSource rules, ModerationSettings settings) {
        this.rules = rules;
        this.settings = settings;
    }

    @GetMapping
    public RuleSetView current() {
        RuleSet ruleSet = rules.current();
        return new RuleSetView(ruleSet.version(), ruleSet.bannedWords(), ruleSet.maxLinks(), ruleSet.maxLength(),
                settings.closeGrace().toMillis());
    }

    public record RuleSetView(long version, List<String> bannedWords, int maxLinks, int maxLength,
            long closeGraceMillis) {
    }
}
