package news.comments.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A markdown table: one row per figure, one column per variant (baseline, current) or per leg. */
final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String corner, List<String> columns) {
        header = new ArrayList<>();
        header.add(corner);
        header.addAll(columns);
    }

    Table row(String label, List<String> values) {
        List<String> row = new ArrayList<>();
        row.add(label);
        row.addAll(values);
        rows.add(row);
        return this;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("| " + String.join(" | ", header) + " |");
        lines.add("|" + "---|".repeat(header.size()));
        rows.forEach(row -> lines.add("| " + String.join(" | ", row) + " |"));
        return lines;
    }

    /** 1234, 12.3 or 0.12: enough digits to read, no more. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value) && magnitude < 1e9) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return magnitude >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String millis(long micros) {
        return Latency.millis(micros / 1000.0);
    }

    static String metOrMissed(boolean met) {
        return met ? "**met**" : "**missed**";
    }
}
