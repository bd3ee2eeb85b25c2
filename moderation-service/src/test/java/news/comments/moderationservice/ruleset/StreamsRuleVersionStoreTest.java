package news.comments.moderationservice.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import news.comments.web.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class StreamsRuleVersionStoreTest {

    @Test
    void beforeTheStreamsAppExistsTheStoreIsA503NotReadyWithRetryAfter() {
        StreamsRuleVersionStore store = new StreamsRuleVersionStore(new StreamsBuilderFactoryBean());

        assertThatThrownBy(store::versions).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.slug()).isEqualTo("not-ready");
            assertThat(problem.status().value()).isEqualTo(503);
            assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("2");
        });
    }
}
