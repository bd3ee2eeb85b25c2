package news.comments.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A trace carried where Micrometer's instrumentation does not carry it: in an outbox row between the
 * request's transaction and the relay's send, through a Kafka Streams processor, into the records of a
 * batch listener. It travels as the W3C {@code traceparent} (the only context the services produce), kept
 * as the string it is on the wire.
 *
 * <p>Spans are started only for a sampled trace: an unsampled {@code traceparent} is passed on as it is (the
 * trace id still reaches the logs downstream, and the next service does not sample it either), which costs a
 * header and no span.
 */
public final class Traceparents {

    /** The W3C trace context header (and outbox column). */
    public static final String TRACEPARENT = "traceparent";

    private static final Traceparents NOOP = new Traceparents(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public Traceparents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing: nothing is read, kept or started. */
    public static Traceparents noop() {
        return NOOP;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The current span's {@code traceparent}, or null outside a trace. */
    public String current() {
        Span span = tracer.currentSpan();
        return span == null ? null : of(span);
    }

    /** The {@code traceparent} that makes {@code span} the parent of what receives it. */
    public String of(Span span) {
        String[] traceparent = new String[1];
        propagator.inject(span.context(), traceparent, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key)) {
                carrier[0] = value;
            }
        });
        return traceparent[0];
    }

    /**
     * A span continuing {@code traceparent}, started; null when there is no trace to continue or it is not
     * sampled (nothing would be recorded). The caller ends it.
     */
    public Span startChild(String traceparent, String name, Span.Kind kind) {
        if (traceparent == null || !sampled(traceparent)) {
            return null;
        }
        return propagator
                .extract(traceparent, (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null)
                .name(name)
                .kind(kind)
                .start();
    }

    /**
     * A {@link Span.Kind#CONSUMER} span per record of a batch that carries a sampled trace, each a child of its
     * record's {@code traceparent}: the container observes record listeners only, so a batch listener starts
     * its records' spans itself. End them with {@link RecordSpans#end} when the batch is done.
     */
    public RecordSpans startForRecords(List<? extends ConsumerRecord<?, ?>> records, String name) {
        List<Span> spans = null;
        String[] contexts = null;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<?, ?> record = records.get(i);
            String traceparent = traceparent(record.headers());
            if (traceparent == null) {
                continue;
            }
            if (contexts == null) {
                contexts = new String[records.size()];
            }
            Span span = startChild(traceparent, name, Span.Kind.CONSUMER);
            if (span == null) {
                contexts[i] = traceparent; // not sampled: passed on as it came
                continue;
            }
            if (spans == null) {
                spans = new ArrayList<>();
            }
            spans.add(span.tag("messaging.destination.name", record.topic())
                    .tag("messaging.kafka.offset", Long.toString(record.offset())));
            contexts[i] = of(span);
        }
        return contexts == null ? RecordSpans.NONE : new RecordSpans(spans == null ? List.of() : spans, contexts);
    }

    /** The record's {@code traceparent} header, or null. */
    public static String traceparent(Headers headers) {
        Header header = headers.lastHeader(TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Sets the record's {@code traceparent} header (replacing one it had); does nothing for null. */
    public static void setTraceparent(Headers headers, String traceparent) {
        if (traceparent != null) {
            headers.remove(TRACEPARENT);
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The sampled flag of a W3C {@code traceparent} ({@code version-traceid-parentid-flags}). */
    static boolean sampled(String traceparent) {
        int n = traceparent.length();
        return n >= 2 && (Character.digit(traceparent.charAt(n - 1), 16) & 1) == 1;
    }

    /**
     * Runs {@code work} (a batch listener's handling of {@code records}) inside a span per record that carries a
     * sampled trace; each span ends with the work, marked with its failure if it threw.
     */
    public void inRecordSpans(List<? extends ConsumerRecord<?, ?>> records, String name, Runnable work) {
        inRecordSpans(records, name, spans -> work.run());
    }

    /**
     * As {@link #inRecordSpans(List, String, Runnable)}, for work that passes each record's trace on (to the
     * events it records in the outbox): it gets the spans, whose {@link RecordSpans#traceparentOf} is the
     * context to pass on for a record.
     */
    public void inRecordSpans(List<? extends ConsumerRecord<?, ?>> records, String name, Consumer<RecordSpans> work) {
        RecordSpans spans = startForRecords(records, name);
        Throwable failure = null;
        try {
            work.accept(spans);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            spans.end(failure);
        }
    }

    /** The spans {@link #startForRecords} started; {@link #end} ends them. */
    public static final class RecordSpans {

        static final RecordSpans NONE = new RecordSpans(List.of(), null);

        private final List<Span> spans;

        /** Per record of the batch, the context to pass on; null when no record had one. */
        private final String[] contexts;

        RecordSpans(List<Span> spans, String[] contexts) {
            this.spans = spans;
            this.contexts = contexts;
        }

        /**
         * The {@code traceparent} that continues the trace of the batch's record at {@code index}: its span's
         * when it is sampled, the record's own when it is not, null when it had none.
         */
        public String traceparentOf(int index) {
            return contexts == null ? null : contexts[index];
        }

        /** Ends every span, marked with {@code error} when the batch failed (null when it did not). */
        public void end(Throwable error) {
            for (Span span : spans) {
                if (error != null) {
                    span.error(error);
                }
                span.end();
            }
        }
    }
}
