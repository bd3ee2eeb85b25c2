package news.comments.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Benchmark 1: comments posted through the gateway by wrk, each decided before the clock stops. Three runs
 * per stack: closed loop over many articles, closed loop on one viral article, and paced to a fixed rate for
 * the decision latency. CPU per comment per part of the stack.
 */
final class EndToEndBenchmark {

    static final double TARGET_RATE = 2_000;
    static final double TARGET_MICROS = 700;
    static final double TARGET_WRK_PERCENT = 15;
    static final double TARGET_DECISION_P99_MS = 300;
    private static final int PACED_CONNECTIONS = 64;

    private enum Shape {
        SPREAD,
        VIRAL,
        PACED
    }

    private final List<BenchStack> stacks;
    private final Wrk wrk;
    private final Options options;
    private final Sizes sizes;

    EndToEndBenchmark(List<BenchStack> stacks, Wrk wrk, Options options, Sizes sizes) {
        this.stacks = stacks;
        this.wrk = wrk;
        this.options = options;
        this.sizes = sizes;
    }

    Section run() {
        Section section = new Section("1. End to end through the gateway");
        Duration warmup = options.warmup();
        Duration shortWarmup = Warmups.next(warmup);
        section.method("wrk (Debian's, " + Wrk.EXECUTABLE
                + ") posts `POST /api/articles/{id}/comments` through the gateway, "
                + "each request with its own author and text (a Lua `request()`), so the duplicate and flood rules stay quiet. "
                + "Three runs per stack: **" + sizes.articles() + " articles** (round-robin) and **one viral article** "
                + "(one key, so one partition of every topic), both closed loop with " + options.connections()
                + " connections; then **paced** to " + options.pacedRate() + " comments/s over the " + sizes.articles()
                + " articles (a Lua `delay()` gives every request the next slot of a fixed schedule; wrk2 is not in Debian), "
                + PACED_CONNECTIONS + " connections. Each run first posts the same load for a warm-up ("
                + warmup.toSeconds()
                + " s before the first run of a stack, " + shortWarmup.toSeconds()
                + " s before the others, as its JVMs are "
                + "warm by then) and waits until every warm-up comment is decided; then it measures "
                + options.measure().toSeconds()
                + " s of load. Every request is counted; nothing else is sent. The Lua `response()` writes each 202's comment "
                + "id and the wall-clock microsecond it arrived; the harness's read_committed consumer of `comments.moderated.v1` "
                + "notes when each decision arrives, and **the clock stops when the last accepted comment's decision is seen**: "
                + "accepted and decided per second = accepted comments / (last decision − start of the load). Decision latency "
                + "= decision seen − 202 received (same machine, same wall clock; HdrHistogram). CPU per part = user + system "
                + "time from /proc/<pid>/stat (PostgreSQL: all its processes) from the start of the load to the last decision, "
                + "divided by the accepted comments; wrk's own CPU (its exit times, which the harness reaps) and the harness's "
                + "(its Kafka consumer) are apart from \"services + broker + database\".");
        Map<Shape, List<CommentLoad.Outcome>> outcomes = new LinkedHashMap<>();
        int turn = 0;
        for (Shape shape : Shape.values()) {
            // Alternate which stack goes first, so neither always follows the other's heavy run.
            List<BenchStack> order = new ArrayList<>(stacks);
            if (turn++ % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            Map<BenchStack, CommentLoad.Outcome> byStack = new LinkedHashMap<>();
            for (BenchStack stack : order) {
                byStack.put(stack, measure(stack, shape, shape == Shape.SPREAD ? warmup : shortWarmup));
            }
            outcomes.put(shape, stacks.stream().map(byStack::get).toList());
        }
        List<String> columns = stacks.stream().map(BenchStack::name).toList();
        table(
                section,
                "**" + sizes.articles() + " articles**, closed loop",
                columns,
                outcomes.get(Shape.SPREAD),
                false);
        table(section, "**one viral article**, closed loop", columns, outcomes.get(Shape.VIRAL), false);
        table(section, "**paced to " + options.pacedRate() + "/s**", columns, outcomes.get(Shape.PACED), true);
        for (int i = 0; i < stacks.size(); i++) {
            section.verdict(verdict(
                    stacks.get(i).name(),
                    outcomes.get(Shape.SPREAD).get(i),
                    outcomes.get(Shape.VIRAL).get(i),
                    outcomes.get(Shape.PACED).get(i)));
        }
        return section;
    }

    private CommentLoad.Outcome measure(BenchStack stack, Shape shape, Duration warmup) {
        List<String> articles = shape == Shape.VIRAL
                ? stack.fixtures().articles("Viral article", 1)
                : stack.fixtures().articles("End-to-end article", sizes.articles());
        int connections = shape == Shape.PACED ? PACED_CONNECTIONS : options.connections();
        int rate = shape == Shape.PACED ? options.pacedRate() : 0;
        CommentLoad load = new CommentLoad(stack, wrk);
        System.out.println("[bench] end to end, " + stack.name() + ", "
                + shape.name().toLowerCase(Locale.ROOT) + ": warm-up " + warmup.toSeconds() + " s");
        load.run(articles, connections, rate, warmup);
        GatewayApi.sleep(2_000);
        CommentLoad.Outcome outcome = load.run(articles, connections, rate, options.measure());
        System.out.printf(
                Locale.ROOT,
                "[bench] end to end, %s, %s: %.0f accepted and decided/s, %.0f µs CPU per comment%n",
                stack.name(),
                shape.name().toLowerCase(Locale.ROOT),
                outcome.decidedPerSecond(),
                outcome.micros(outcome.cpu().system()));
        return outcome;
    }

    private void table(
            Section section, String title, List<String> columns, List<CommentLoad.Outcome> runs, boolean paced) {
        section.figure(title + ":");
        section.figure("");
        Table table = new Table("", columns);
        row(
                table,
                runs,
                "requests (answers)",
                o -> Table.number(o.wrk().requests()) + " (" + o.wrk().answers() + ")");
        row(table, runs, "accepted/s while posting", o -> Table.number(o.acceptedPerSecond()));
        row(
                table,
                runs,
                "**accepted and decided/s** (to the last decision)",
                o -> "**" + Table.number(o.decidedPerSecond()) + "**");
        row(table, runs, "last decision after the load ended, s", o -> Table.number(o.drainSeconds()));
        row(table, runs, "undecided at the end / decisions seen twice", o -> o.undecided() + " / " + o.duplicates());
        row(
                table,
                runs,
                "POST latency p50 / p99 ms (wrk)",
                o -> Table.millis(o.wrk().p50()) + " / " + Table.millis(o.wrk().p99()));
        row(
                table,
                runs,
                "decision latency p50 / p99 ms",
                o -> o.decision().count() == 0
                        ? "-"
                        : Latency.millis(o.decision().percentileMillis(50)) + " / "
                                + Latency.millis(o.decision().percentileMillis(99)));
        for (String part : CpuMeter.PARTS) {
            row(
                    table,
                    runs,
                    "CPU µs per comment: " + part,
                    o -> Table.number(o.micros(o.cpu().parts().getOrDefault(part, 0.0))));
        }
        row(
                table,
                runs,
                "**services + broker + database, µs per comment**",
                o -> "**" + Table.number(o.micros(o.cpu().system())) + "**");
        row(
                table,
                runs,
                "harness (its Kafka consumer), µs per comment",
                o -> Table.number(o.micros(o.cpu().harness())));
        row(
                table,
                runs,
                "wrk, µs per comment / % of the machine while it ran",
                o -> Table.number(o.micros(o.cpu().wrk())) + " / "
                        + Table.number(o.wrk().percentOfMachine()) + " %");
        row(table, runs, "machine busy / other stack / not ours, % of the machine", o -> Cells.machine(o.cpu()));
        if (paced) {
            row(
                    table,
                    runs,
                    "target: decision p99 ≤ " + (int) TARGET_DECISION_P99_MS + " ms at " + options.pacedRate() + "/s",
                    o -> Table.metOrMissed(pacedMet(o)) + (reachedRate(o) ? "" : " (rate not reached)"));
        } else {
            row(
                    table,
                    runs,
                    "target: ≥ " + Table.number(TARGET_RATE) + " accepted and decided/s",
                    o -> Table.metOrMissed(o.decidedPerSecond() >= TARGET_RATE && o.undecided() == 0));
            row(
                    table,
                    runs,
                    "target: ≤ " + (int) TARGET_MICROS + " µs per comment (services + broker + database)",
                    o -> Table.metOrMissed(o.micros(o.cpu().system()) <= TARGET_MICROS));
            row(
                    table,
                    runs,
                    "target: wrk < " + (int) TARGET_WRK_PERCENT + " % of the machine",
                    o -> Table.metOrMissed(o.wrk().percentOfMachine() < TARGET_WRK_PERCENT));
        }
        section.table(table);
    }

    private boolean reachedRate(CommentLoad.Outcome outcome) {
        return outcome.acceptedPerSecond() >= 0.95 * options.pacedRate();
    }

    private boolean pacedMet(CommentLoad.Outcome outcome) {
        return reachedRate(outcome)
                && outcome.undecided() == 0
                && outcome.decision().count() > 0
                && outcome.decision().percentileMillis(99) <= TARGET_DECISION_P99_MS;
    }

    private String verdict(
            String variant, CommentLoad.Outcome spread, CommentLoad.Outcome viral, CommentLoad.Outcome paced) {
        boolean rate = spread.decidedPerSecond() >= TARGET_RATE && spread.undecided() == 0;
        boolean cpu = spread.micros(spread.cpu().system()) <= TARGET_MICROS;
        boolean wrkShare = spread.wrk().percentOfMachine() < TARGET_WRK_PERCENT;
        return String.format(
                Locale.ROOT,
                "%s: **Target** (≥ %s comments/s accepted and decided, ≤ %.0f µs CPU per comment "
                        + "in services + broker + database, wrk < %.0f %% of the machine): **%s** (%s articles: %s/s, %s µs, wrk %s %%; "
                        + "viral article: %s/s, %s µs). **Target** (decision p99 ≤ %.0f ms at %d/s): **%s** (p99 %s ms at %s/s).",
                variant,
                Table.number(TARGET_RATE),
                TARGET_MICROS,
                TARGET_WRK_PERCENT,
                rate && cpu && wrkShare ? "met" : "missed",
                sizes.articles(),
                Table.number(spread.decidedPerSecond()),
                Table.number(spread.micros(spread.cpu().system())),
                Table.number(spread.wrk().percentOfMachine()),
                Table.number(viral.decidedPerSecond()),
                Table.number(viral.micros(viral.cpu().system())),
                TARGET_DECISION_P99_MS,
                options.pacedRate(),
                pacedMet(paced) ? "met" : "missed",
                paced.decision().count() == 0
                        ? "-"
                        : Latency.millis(paced.decision().percentileMillis(99)),
                Table.number(paced.acceptedPerSecond()));
    }

    private static void row(
            Table table, List<CommentLoad.Outcome> runs, String label, Function<CommentLoad.Outcome, String> cell) {
        table.row(label, runs.stream().map(cell).toList());
    }
}
