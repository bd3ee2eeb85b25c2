package news.comments.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Benchmark 4: paging through one thread with many approved comments, through the gateway. */
final class ReadPathBenchmark {

    static final double TARGET_PAGES_PER_SECOND = 400;
    static final double TARGET_P50_MS = 20;
    /** "The last page as fast as the first": within 10 % of its pages/s. */
    static final double TARGET_LAST_TO_FIRST = 0.9;

    private static final int PAGE_SIZE = 50;
    private static final int CONNECTIONS = 8;

    /** The paths of every page of a thread in reading order, and how they were found. */
    private record Pages(List<String> paths, String how) {}

    private record Outcome(Pages pages, Wrk.Result all, CpuMeter.Usage cpu, Wrk.Result first, Wrk.Result last) {

        double lastToFirst() {
            return first.perSecond() <= 0 ? 0 : last.perSecond() / first.perSecond();
        }

        boolean met() {
            return all.perSecond() >= TARGET_PAGES_PER_SECOND
                    && all.p50() < TARGET_P50_MS * 1000
                    && lastToFirst() >= TARGET_LAST_TO_FIRST
                    && all.non2xx() + all.socketErrors() == 0;
        }
    }

    private final List<BenchStack> stacks;
    private final Wrk wrk;
    private final Options options;
    private final Sizes sizes;

    ReadPathBenchmark(List<BenchStack> stacks, Wrk wrk, Options options, Sizes sizes) {
        this.stacks = stacks;
        this.wrk = wrk;
        this.options = options;
        this.sizes = sizes;
    }

    Section run() {
        int pages = Math.max(1, sizes.readThreadComments() / PAGE_SIZE);
        Section section = new Section("4. Read path");
        section.method(
                "One article with " + sizes.readThreadComments() + " approved comments (posted through the gateway "
                        + "and all APPROVED before measuring). wrk closed loop, " + CONNECTIONS + " connections, "
                        + "`GET /api/articles/{id}/comments?size=" + PAGE_SIZE
                        + "` and each following page through the gateway, "
                        + "as a reader pages: by the cursor the page before gave (`&after=<next>`) where the stack gives one, "
                        + "else by number (`&page=P`); the harness walks the thread once to learn the paths. A warm-up of "
                        + options.warmup().toSeconds() + " s over all pages, then " + sizes.legSeconds() + " s going "
                        + "round all " + pages
                        + " pages (a Lua `request()`), then the first page alone and the last page alone, "
                        + sizes.legSeconds() + " s each. Latency from wrk; CPU over the all-pages leg.");
        List<Outcome> outcomes = new ArrayList<>();
        for (BenchStack stack : stacks) {
            outcomes.add(measure(stack, pages));
        }
        Table table = new Table("", stacks.stream().map(BenchStack::name).toList());
        row(table, outcomes, "pages asked for by", o -> o.pages().how());
        row(
                table,
                outcomes,
                "**pages/s, all " + pages + " pages**",
                o -> "**" + Table.number(o.all().perSecond()) + "**");
        row(
                table,
                outcomes,
                "p50 / p99 ms, all pages",
                o -> Table.millis(o.all().p50()) + " / " + Table.millis(o.all().p99()));
        row(
                table,
                outcomes,
                "first page: pages/s, p50 / p99 ms",
                o -> Table.number(o.first().perSecond()) + ", "
                        + Table.millis(o.first().p50()) + " / "
                        + Table.millis(o.first().p99()));
        row(
                table,
                outcomes,
                "last page: pages/s, p50 / p99 ms",
                o -> Table.number(o.last().perSecond()) + ", "
                        + Table.millis(o.last().p50()) + " / "
                        + Table.millis(o.last().p99()));
        row(
                table,
                outcomes,
                "failed requests (non-2xx, socket errors)",
                o -> Long.toString(o.all().non2xx()
                        + o.all().socketErrors()
                        + o.first().non2xx()
                        + o.first().socketErrors()
                        + o.last().non2xx()
                        + o.last().socketErrors()));
        for (String part : CpuMeter.PARTS) {
            row(
                    table,
                    outcomes,
                    "CPU µs per page: " + part,
                    o -> Table.number(micros(o, o.cpu().parts().getOrDefault(part, 0.0))));
        }
        row(table, outcomes, "wrk, % of the machine", o -> Table.number(o.all().percentOfMachine()) + " %");
        row(table, outcomes, "machine busy / other stack / not ours, %", o -> Cells.machine(o.cpu()));
        row(
                table,
                outcomes,
                "target: ≥ " + (int) TARGET_PAGES_PER_SECOND + " pages/s",
                o -> Table.metOrMissed(o.all().perSecond() >= TARGET_PAGES_PER_SECOND));
        row(
                table,
                outcomes,
                "target: p50 < " + (int) TARGET_P50_MS + " ms",
                o -> Table.metOrMissed(o.all().p50() < TARGET_P50_MS * 1000));
        row(
                table,
                outcomes,
                "target: last page as fast as the first (≥ " + TARGET_LAST_TO_FIRST + "× its pages/s)",
                o -> Table.metOrMissed(o.lastToFirst() >= TARGET_LAST_TO_FIRST));
        section.table(table);
        for (int i = 0; i < stacks.size(); i++) {
            Outcome o = outcomes.get(i);
            section.verdict(String.format(
                    Locale.ROOT,
                    "%s: %s pages/s, p50 %s ms; last page %.2f× the first page's rate. "
                            + "**Target** (≥ %.0f pages/s, p50 < %.0f ms, last page as fast as the first): **%s**.",
                    stacks.get(i).name(),
                    Table.number(o.all().perSecond()),
                    Table.millis(o.all().p50()),
                    o.lastToFirst(),
                    TARGET_PAGES_PER_SECOND,
                    TARGET_P50_MS,
                    o.met() ? "met" : "missed"));
        }
        return section;
    }

    private Outcome measure(BenchStack stack, int pages) {
        Fixtures.PreparedThread thread = stack.fixtures().thread("Read path thread", sizes.readThreadComments());
        Pages found = pages(stack, thread, pages);
        List<String> paths = found.paths();
        var allPages = List.of(wrk.lines("pages", paths).toString());
        System.out.println(
                "[bench] read path, " + stack.name() + ": warm-up (" + paths.size() + " pages by " + found.how() + ")");
        wrk.run(stack.gateway(), Wrk.Script.GET_PATHS, CONNECTIONS, options.warmup(), allPages);
        Duration leg = Duration.ofSeconds(sizes.legSeconds());
        CpuMeter.Sample before = stack.cpu().sample();
        Wrk.Result all = wrk.run(stack.gateway(), Wrk.Script.GET_PATHS, CONNECTIONS, leg, allPages);
        CpuMeter.Usage cpu = CpuMeter.usage(before, stack.cpu().sample());
        Wrk.Result first =
                wrk.run(stack.gateway().resolve(paths.get(0)), Wrk.Script.GET_ONE, CONNECTIONS, leg, List.of());
        Wrk.Result last = wrk.run(
                stack.gateway().resolve(paths.get(paths.size() - 1)), Wrk.Script.GET_ONE, CONNECTIONS, leg, List.of());
        return new Outcome(found, all, cpu, first, last);
    }

    /** Follows each page's {@code next} from the first page; a stack that gives none is paged by number. */
    private static Pages pages(BenchStack stack, Fixtures.PreparedThread thread, int pages) {
        String base = "/api/articles/" + thread.articleId() + "/comments?size=" + PAGE_SIZE;
        List<String> paths = new ArrayList<>();
        String path = base;
        while (path != null && paths.size() < pages) {
            paths.add(path);
            JsonNode page =
                    Http.expect(stack.api().http().send(Http.get(stack.gateway().resolve(path))), 200);
            JsonNode next = page.get("next");
            path = next == null || next.isNull() ? null : base + "&after=" + next.asString();
        }
        if (paths.size() == pages) {
            return new Pages(paths, "cursor (`after`)");
        }
        paths.clear();
        for (int page = 0; page < pages; page++) {
            paths.add(base + "&page=" + page);
        }
        return new Pages(paths, "number (`page`)");
    }

    private static double micros(Outcome outcome, double cpuSeconds) {
        return outcome.all().requests() == 0
                ? 0
                : cpuSeconds * 1e6 / outcome.all().requests();
    }

    private static void row(Table table, List<Outcome> outcomes, String label, Function<Outcome, String> cell) {
        table.row(label, outcomes.stream().map(cell).toList());
    }
}
