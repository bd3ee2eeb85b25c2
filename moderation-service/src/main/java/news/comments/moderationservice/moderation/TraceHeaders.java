package news.comments.moderationservice.moderation;

import news.comments.support.tracing.Traceparents;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers an output record takes over from the input record it answers: its trace, nothing else. */
final class TraceHeaders {

    private TraceHeaders() {}

    /** A new set of headers with the input's {@code traceparent} (empty when it has none). */
    static Headers carried(Headers input) {
        RecordHeaders headers = new RecordHeaders();
        Traceparents.setTraceparent(headers, Traceparents.traceparent(input));
        return headers;
    }
}
