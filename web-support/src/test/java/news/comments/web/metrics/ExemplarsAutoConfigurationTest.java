package news.comments.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ExemplarsAutoConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ExemplarsAutoConfiguration.class));

    @Test
    void switchedOffTheSpanContextNeverOffersASpanSoNoExemplarIsRecorded() {
        context.withPropertyValues("comments.metrics.exemplars=false").run(app -> {
            SpanContext spans = app.getBean(SpanContext.class);
            assertThat(spans.isCurrentSpanSampled()).isFalse();
            assertThat(spans.getCurrentTraceId()).isNull();
            assertThat(spans.getCurrentSpanId()).isNull();
        });
    }

    @Test
    void byDefaultBootsSpanContextIsLeftInPlace() {
        context.run(app -> assertThat(app).doesNotHaveBean(SpanContext.class));
        context.withPropertyValues("comments.metrics.exemplars=true")
                .run(app -> assertThat(app).doesNotHaveBean(SpanContext.class));
    }
}
