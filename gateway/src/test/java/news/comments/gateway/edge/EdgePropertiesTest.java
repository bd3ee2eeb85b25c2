package news.comments.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class EdgePropertiesTest {

    @Test
    void withNothingConfiguredEveryLimitHasItsDefault() {
        EdgeProperties edge = bind(Map.of());

        assertThat(edge.trustedProxies()).isEmpty();
        assertThat(edge.maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
        assertThat(edge.rateLimit().comments()).isEqualTo(new EdgeProperties.Limit(20, Duration.ofMinutes(1)));
        assertThat(edge.rateLimit().signIn()).isEqualTo(new EdgeProperties.Limit(5, Duration.ofMinutes(1)));
        assertThat(edge.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(edge.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void settingOnlyTheRequestsOfALimitKeepsItsPeriod() {
        EdgeProperties edge = bind(Map.of("comments.gateway.rate-limit.sign-in.requests", "1000"));

        assertThat(edge.rateLimit().signIn()).isEqualTo(new EdgeProperties.Limit(1000, Duration.ofMinutes(1)));
        assertThat(edge.rateLimit().comments()).isEqualTo(new EdgeProperties.Limit(20, Duration.ofMinutes(1)));
    }

    private static EdgeProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("comments.gateway", EdgeProperties.class);
    }
}
