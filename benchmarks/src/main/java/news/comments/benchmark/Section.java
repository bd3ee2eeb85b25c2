package news.comments.benchmark;

import java.util.ArrayList;
import java.util.List;

/** One benchmark's part of BENCHMARKS.md: how it was measured, the figures, and the target verdict. */
final class Section {

    private final String title;
    private final List<String> method = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private final List<String> verdict = new ArrayList<>();

    Section(String title) {
        this.title = title;
    }

    Section method(String line) {
        method.add(line);
        return this;
    }

    /** A figure line; printed at once, so a long run shows progress. */
    Section figure(String line) {
        System.out.println("[bench] " + line);
        figures.add(line);
        return this;
    }

    /** A table's lines as figures, then an empty line. */
    Section table(Table table) {
        table.lines().forEach(this::figure);
        return figure("");
    }

    Section verdict(String line) {
        System.out.println("[bench] " + line);
        verdict.add(line);
        return this;
    }

    String title() {
        return title;
    }

    /** The verdict for the summary (or that there is none). */
    String summary() {
        return verdict.isEmpty() ? "no result" : String.join(" ", verdict).replace("\n", " ");
    }

    String markdown() {
        StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
        if (!method.isEmpty()) {
            out.append("**Method.** ").append(String.join(" ", method)).append("\n\n");
        }
        figures.forEach(line -> out.append(line).append('\n'));
        if (!verdict.isEmpty()) {
            out.append('\n');
            verdict.forEach(line -> out.append(line).append('\n'));
        }
        return out.append('\n').toString();
    }
}
