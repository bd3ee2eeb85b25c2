package news.comments.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceparentsTest {

    private static final String SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String NOT_SAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .build();
    private final Traceparents traces = traceparents(provider);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void eachRecordOfABatchPassesOnItsOwnTraceASampledOneThroughItsSpan() {
        List<ConsumerRecord<String, String>> batch =
                List.of(record(0, SAMPLED), record(1, NOT_SAMPLED), record(2, null));
        String[] passedOn = new String[3];

        traces.inRecordSpans(batch, "landing", spans -> {
            for (int i = 0; i < 3; i++) {
                passedOn[i] = spans.traceparentOf(i);
            }
        });

        String[] sampled = passedOn[0].split("-");
        assertThat(sampled[1]).as("trace id").isEqualTo(SAMPLED.split("-")[1]);
        assertThat(sampled[2]).as("the record's span, a child of its parent").isNotEqualTo(SAMPLED.split("-")[2]);
        assertThat(sampled[3]).as("sampled").isEqualTo("01");
        assertThat(passedOn[1]).as("not sampled: passed on as it came").isEqualTo(NOT_SAMPLED);
        assertThat(passedOn[2]).as("no trace").isNull();
    }

    @Test
    void aBatchWithoutTracesPassesNoneOn() {
        traces.inRecordSpans(List.of(record(0, null), record(1, null)), "landing", spans -> {
            assertThat(spans.traceparentOf(0)).isNull();
            assertThat(spans.traceparentOf(1)).isNull();
        });
    }

    private static ConsumerRecord<String, String> record(long offset, String traceparent) {
        var record = new ConsumerRecord<>("comments.moderated.v1", 0, offset, "key", "value");
        if (traceparent != null) {
            record.headers().add(Traceparents.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static Traceparents traceparents(SdkTracerProvider provider) {
        var otelTracer = provider.get("test");
        return new Traceparents(
                new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> {}),
                new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer));
    }
}
