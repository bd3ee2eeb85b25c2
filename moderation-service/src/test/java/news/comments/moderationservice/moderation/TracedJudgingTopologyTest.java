package news.comments.moderationservice.moderation;

import static news.comments.moderationservice.moderation.ModerationDriver.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentSubmitted;
import news.comments.events.EventTypes;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.support.tracing.Traceparents;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A comment's trace goes on through its judging to its decision: a sampled one through a span of the judge,
 * whose context the decision record carries; an unsampled one as it came, without a span. Both for a comment
 * that waits out its close grace and one decided at once.
 */
class TracedJudgingTopologyTest {

    private static final RuleSet RULES = RuleSet.of(4, List.of("idiot"), 2, 5000);
    private static final Duration GRACE = Duration.ofMillis(200);

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .addSpanProcessor(SimpleSpanProcessor.create(spans))
            .build();
    private final UUID articleId = UUID.randomUUID();
    private ModerationDriver driver;

    @BeforeEach
    void start() {
        var otelTracer = tracerProvider.get("test");
        var tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> {});
        var propagator =
                new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer);
        driver = new ModerationDriver(
                new ModerationSettings(GRACE, Duration.ofMillis(20), Duration.ofDays(30), Duration.ofDays(7)),
                RULES,
                new Traceparents(tracer, propagator));
        driver.article(new ArticleState(articleId, "An article", true, null, null, 1, START.minusSeconds(3600)));
    }

    @AfterEach
    void stop() {
        driver.close();
        tracerProvider.close();
    }

    @Test
    void aWaitingCommentsDecisionContinuesItsTraceThroughAJudgeSpan() {
        String traceId = hex(32);
        String sendSpanId = hex(16);
        CommentSubmitted comment = comment(driver.now());

        driver.comment(comment, traceparent("00-" + traceId + "-" + sendSpanId + "-01"));
        driver.passGrace();

        TestRecord<String, CommentModerated> decision = single(driver.decisions());
        String[] carried = traceparentOf(decision).split("-");
        assertThat(carried[1]).as("trace id").isEqualTo(traceId);
        assertThat(carried[3]).as("sampled").isEqualTo("01");
        SpanData judge = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("moderation judge"))
                .findFirst()
                .orElseThrow();
        assertThat(judge.getTraceId()).isEqualTo(traceId);
        assertThat(judge.getParentSpanId()).isEqualTo(sendSpanId);
        assertThat(judge.getSpanId())
                .as("the decision's parent is the judge span")
                .isEqualTo(carried[2]);
        assertThat(judge.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(judge.getAttributes().asMap().values())
                .contains(comment.commentId().toString(), "APPROVED");
        assertThat(decision.headers().headers(EventTypes.HEADER))
                .as("only the trace goes on, not the input's other headers")
                .extracting(h -> new String(h.value(), StandardCharsets.UTF_8))
                .doesNotContain(EventTypes.nameOf(CommentSubmitted.class));
    }

    @Test
    void aCommentDecidedAtOnceCarriesItsTraceToo() {
        String traceId = hex(32);
        CommentSubmitted old = comment(driver.now().minusSeconds(60));

        driver.comment(old, traceparent("00-" + traceId + "-" + hex(16) + "-01"));

        assertThat(traceparentOf(single(driver.decisions())).split("-")[1]).isEqualTo(traceId);
        assertThat(spans.getFinishedSpanItems())
                .singleElement()
                .satisfies(s -> assertThat(s.getTraceId()).isEqualTo(traceId));
    }

    @Test
    void anUnsampledTraceGoesOnAsItCameWithoutASpan() {
        String traceparent = "00-" + hex(32) + "-" + hex(16) + "-00";

        driver.comment(comment(driver.now()), traceparent(traceparent));
        driver.passGrace();

        assertThat(traceparentOf(single(driver.decisions()))).isEqualTo(traceparent);
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aCommentWithoutATraceIsDecidedWithoutOne() {
        driver.comment(comment(driver.now()));
        driver.passGrace();

        assertThat(single(driver.decisions()).headers().lastHeader("traceparent"))
                .isNull();
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    private CommentSubmitted comment(Instant submittedAt) {
        return new CommentSubmitted(UUID.randomUUID(), articleId, null, "reader", "A fine article.", submittedAt);
    }

    private static RecordHeaders traceparent(String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static TestRecord<String, CommentModerated> single(List<TestRecord<String, CommentModerated>> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static String traceparentOf(TestRecord<String, CommentModerated> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("the decision's traceparent").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String hex(int length) {
        return (UUID.randomUUID().toString() + UUID.randomUUID())
                .replace("-", "")
                .substring(0, length);
    }
}
