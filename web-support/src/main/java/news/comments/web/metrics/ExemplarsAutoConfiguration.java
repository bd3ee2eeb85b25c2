package news.comments.web.metrics;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Prometheus exemplars off by one switch, {@code comments.metrics.exemplars=false}. With tracing on, Boot puts
 * a sampled trace's id beside counter and histogram samples of the OpenMetrics scrape, a timer's
 * {@code _count} included, and Prometheus servers before 2.43 refuse that: the whole scrape is dropped and
 * the target shows as down. Off, Boot's span context is replaced by one that never offers a span, so no
 * exemplar is recorded. On (the default) they cost nothing unless the server keeps them
 * ({@code --enable-feature=exemplar-storage}).
 */
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration")
@ConditionalOnClass(SpanContext.class)
@ConditionalOnProperty(name = "comments.metrics.exemplars", havingValue = "false")
public class ExemplarsAutoConfiguration {

    @Bean
    SpanContext noExemplars() {
        return new SpanContext() {
            @Override
            public String getCurrentTraceId() {
                return null;
            }

            @Override
            public String getCurrentSpanId() {
                return null;
            }

            @Override
            public boolean isCurrentSpanSampled() {
                return false;
            }

            @Override
            public void markCurrentSpanAsExemplar() {
                // never: no span is offered
            }
        };
    }
}
