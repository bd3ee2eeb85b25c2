package news.comments.moderationservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import news.comments.moderationservice.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ModerationPropertiesTest {

    @Test
    void withNothingConfiguredTheRuleSetIsTheOneDefault() {
        ModerationProperties properties = bind(Map.of());

        assertThat(properties.rules().toRuleSet()).isEqualTo(RuleSet.defaults());
        assertThat(properties.closeGrace()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aConfiguredRuleOverridesItsDefaultAndTheOthersKeepTheirs() {
        ModerationProperties properties = bind(Map.of(
                "moderation.rules.max-links", "7",
                "moderation.rules.banned-words[0]", "spamword",
                "moderation.close-grace", "50ms"));

        RuleSet rules = properties.rules().toRuleSet();
        RuleSet defaults = RuleSet.defaults();
        assertThat(rules.maxLinks()).isEqualTo(7);
        assertThat(rules.bannedWords()).isEqualTo(List.of("spamword"));
        assertThat(rules.maxLength()).isEqualTo(defaults.maxLength());
        assertThat(rules.reportThreshold()).isEqualTo(defaults.reportThreshold());
        assertThat(rules.version()).isEqualTo(defaults.version());
        assertThat(properties.closeGrace()).isEqualTo(Duration.ofMillis(50));
    }

    private static ModerationProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("moderation", ModerationProperties.class);
    }
}
