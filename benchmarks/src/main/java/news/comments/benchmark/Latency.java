package news.comments.benchmark;

import java.util.Locale;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** A latency histogram in microseconds (HdrHistogram, 3 significant digits), safe to record from many threads. */
final class Latency {

    private static final long MAX_MICROS = 600_000_000L; // 10 minutes: nothing we measure takes longer

    private final Histogram histogram = new ConcurrentHistogram(MAX_MICROS, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1_000)));
    }

    void add(Latency other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    double percentileMillis(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    double maxMillis() {
        return histogram.getMaxValue() / 1_000.0;
    }

    /** "p50 1.2 ms, p99 3.4 ms, max 5.6 ms (n=123)" or "no samples". */
    String summary() {
        if (count() == 0) {
            return "no samples";
        }
        return String.format(
                Locale.ROOT,
                "p50 %s ms, p99 %s ms, max %s ms (n=%d)",
                millis(percentileMillis(50)),
                millis(percentileMillis(99)),
                millis(maxMillis()),
                count());
    }

    static String millis(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
