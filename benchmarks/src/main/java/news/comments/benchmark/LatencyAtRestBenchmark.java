package news.comments.benchmark;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Benchmark 6: one client, one request at a time, on warm JVMs: a POST and a one-page GET, through the
 * gateway and straight at comment-service. What a single reader waits, and what the gateway adds to it.
 */
final class LatencyAtRestBenchmark {

    static final double TARGET_POST_P50_MS = 3;
    static final double TARGET_GATEWAY_ADDS_MS = 1;
    private static final int WARMUP_CONNECTIONS = 8;
    private static final int PAGE_SIZE = 20;

    private record Outcome(
            CommentLoad.Outcome postGateway,
            CommentLoad.Outcome postDirect,
            Wrk.Result getGateway,
            Wrk.Result getDirect,
            CpuMeter.Usage getGatewayCpu) {

        double postAddsMs() {
            return (postGateway.wrk().p50() - postDirect.wrk().p50()) / 1000.0;
        }

        double getAddsMs() {
            return (getGateway.p50() - getDirect.p50()) / 1000.0;
        }
    }

    private final List<BenchStack> stacks;
    private final Wrk wrk;
    private final Options options;
    private final Sizes sizes;

    LatencyAtRestBenchmark(List<BenchStack> stacks, Wrk wrk, Options options, Sizes sizes) {
        this.stacks = stacks;
        this.wrk = wrk;
        this.options = options;
        this.sizes = sizes;
    }

    Section run() {
        Section section = new Section("6. Latency at rest");
        section.method("One connection, one request at a time (`wrk -t1 -c1`), " + sizes.legSeconds()
                + " s per leg, in this "
                + "order: a POST of a comment (its own author and text) through the gateway, the same straight at "
                + "comment-service's port; `GET /api/articles/{id}/comments?page=0&size=" + PAGE_SIZE
                + "` of a thread of "
                + sizes.smallThreadComments()
                + " approved comments through the gateway, the same direct. Before them a warm-up "
                + "of " + options.warmup().toSeconds() + " s (a quarter on each of the four, " + WARMUP_CONNECTIONS
                + " connections), and every POSTed comment is decided before the next leg starts, so the system is at rest. "
                + "Latency is wrk's (HdrHistogram-like, 1 µs buckets); \"the gateway adds\" = p50 via the gateway − p50 direct. "
                + "Decision latency of the POSTs through the gateway as in benchmark 1.");
        List<Outcome> outcomes = new ArrayList<>();
        for (BenchStack stack : stacks) {
            outcomes.add(measure(stack));
        }
        Table table = new Table("", stacks.stream().map(BenchStack::name).toList());
        row(
                table,
                outcomes,
                "POST via the gateway: p50 / p99 ms",
                o -> Table.millis(o.postGateway().wrk().p50()) + " / "
                        + Table.millis(o.postGateway().wrk().p99()));
        row(
                table,
                outcomes,
                "**POST at comment-service: p50** / p99 ms",
                o -> "**" + Table.millis(o.postDirect().wrk().p50()) + "** / "
                        + Table.millis(o.postDirect().wrk().p99()));
        row(
                table,
                outcomes,
                "**the gateway adds to a POST, p50 ms**",
                o -> "**" + Latency.millis(o.postAddsMs()) + "**");
        row(
                table,
                outcomes,
                "GET one page via the gateway: p50 / p99 ms",
                o -> Table.millis(o.getGateway().p50()) + " / "
                        + Table.millis(o.getGateway().p99()));
        row(
                table,
                outcomes,
                "GET one page at comment-service: p50 / p99 ms",
                o -> Table.millis(o.getDirect().p50()) + " / "
                        + Table.millis(o.getDirect().p99()));
        row(table, outcomes, "**the gateway adds to a GET, p50 ms**", o -> "**" + Latency.millis(o.getAddsMs()) + "**");
        row(
                table,
                outcomes,
                "requests in the legs (POST gw, POST direct, GET gw, GET direct)",
                o -> o.postGateway().wrk().requests() + ", "
                        + o.postDirect().wrk().requests() + ", "
                        + o.getGateway().requests() + ", " + o.getDirect().requests());
        row(
                table,
                outcomes,
                "decision latency at rest p50 / p99 ms",
                o -> o.postGateway().decision().count() == 0
                        ? "-"
                        : Latency.millis(o.postGateway().decision().percentileMillis(50)) + " / "
                                + Latency.millis(o.postGateway().decision().percentileMillis(99)));
        for (String part : CpuMeter.PARTS) {
            row(
                    table,
                    outcomes,
                    "CPU µs per POST via the gateway: " + part,
                    o -> Table.number(
                            o.postGateway().micros(o.postGateway().cpu().parts().getOrDefault(part, 0.0))));
        }
        row(
                table,
                outcomes,
                "CPU µs per GET via the gateway: gateway / comment-service / postgresql",
                o -> Table.number(perRequest(o.getGatewayCpu().parts().getOrDefault("gateway", 0.0), o.getGateway()))
                        + " / "
                        + Table.number(perRequest(
                                o.getGatewayCpu().parts().getOrDefault("comment-service", 0.0), o.getGateway()))
                        + " / "
                        + Table.number(
                                perRequest(o.getGatewayCpu().parts().getOrDefault("postgresql", 0.0), o.getGateway())));
        row(
                table,
                outcomes,
                "failed requests",
                o -> Long.toString(failures(o.postGateway().wrk())
                        + failures(o.postDirect().wrk())
                        + failures(o.getGateway())
                        + failures(o.getDirect())));
        row(
                table,
                outcomes,
                "machine busy / other stack / not ours, % (POST via the gateway)",
                o -> Cells.machine(o.postGateway().cpu()));
        row(
                table,
                outcomes,
                "target: POST p50 ≤ " + (int) TARGET_POST_P50_MS + " ms at comment-service",
                o -> Table.metOrMissed(o.postDirect().wrk().p50() <= TARGET_POST_P50_MS * 1000));
        row(
                table,
                outcomes,
                "target: the gateway adds ≤ " + (int) TARGET_GATEWAY_ADDS_MS + " ms (POST and GET p50)",
                o -> Table.metOrMissed(
                        o.postAddsMs() <= TARGET_GATEWAY_ADDS_MS && o.getAddsMs() <= TARGET_GATEWAY_ADDS_MS));
        section.table(table);
        for (int i = 0; i < stacks.size(); i++) {
            Outcome o = outcomes.get(i);
            boolean post = o.postDirect().wrk().p50() <= TARGET_POST_P50_MS * 1000;
            boolean adds = o.postAddsMs() <= TARGET_GATEWAY_ADDS_MS && o.getAddsMs() <= TARGET_GATEWAY_ADDS_MS;
            section.verdict(String.format(
                    Locale.ROOT,
                    "%s: POST p50 %s ms through the gateway, %s ms at comment-service; "
                            + "GET p50 %s ms through the gateway, %s ms direct. **Target** (POST ≤ %.0f ms p50 at comment-service, "
                            + "the gateway adding ≤ %.0f ms): **%s** (POST %s, gateway %s).",
                    stacks.get(i).name(),
                    Table.millis(o.postGateway().wrk().p50()),
                    Table.millis(o.postDirect().wrk().p50()),
                    Table.millis(o.getGateway().p50()),
                    Table.millis(o.getDirect().p50()),
                    TARGET_POST_P50_MS,
                    TARGET_GATEWAY_ADDS_MS,
                    post && adds ? "met" : "missed",
                    post ? "met" : "missed",
                    adds ? "met" : "missed"));
        }
        return section;
    }

    private Outcome measure(BenchStack stack) {
        List<String> postArticle = stack.fixtures().articles("At-rest article", 1);
        Fixtures.PreparedThread thread = stack.fixtures().thread("Small thread", sizes.smallThreadComments());
        String page = "/api/articles/" + thread.articleId() + "/comments?page=0&size=" + PAGE_SIZE;
        URI pageViaGateway = stack.gateway().resolve(page);
        URI pageDirect = stack.commentService().resolve(page);
        CommentLoad posts = new CommentLoad(stack, wrk);
        Duration quarter = options.warmup().dividedBy(4);
        System.out.println("[bench] latency at rest, " + stack.name() + ": warm-up");
        posts.run(stack.gateway(), postArticle, WARMUP_CONNECTIONS, 0, quarter);
        posts.run(stack.commentService(), postArticle, WARMUP_CONNECTIONS, 0, quarter);
        wrk.run(pageViaGateway, Wrk.Script.GET_ONE, WARMUP_CONNECTIONS, quarter, List.of());
        wrk.run(pageDirect, Wrk.Script.GET_ONE, WARMUP_CONNECTIONS, quarter, List.of());
        GatewayApi.sleep(2_000);
        Duration leg = Duration.ofSeconds(sizes.legSeconds());
        CommentLoad.Outcome postGateway = posts.run(stack.gateway(), postArticle, 1, 0, leg);
        CommentLoad.Outcome postDirect = posts.run(stack.commentService(), postArticle, 1, 0, leg);
        CpuMeter.Sample before = stack.cpu().sample();
        Wrk.Result getGateway = wrk.run(pageViaGateway, Wrk.Script.GET_ONE, 1, leg, List.of());
        CpuMeter.Usage getGatewayCpu = CpuMeter.usage(before, stack.cpu().sample());
        Wrk.Result getDirect = wrk.run(pageDirect, Wrk.Script.GET_ONE, 1, leg, List.of());
        return new Outcome(postGateway, postDirect, getGateway, getDirect, getGatewayCpu);
    }

    private static double perRequest(double cpuSeconds, Wrk.Result result) {
        return result.requests() == 0 ? 0 : cpuSeconds * 1e6 / result.requests();
    }

    private static long failures(Wrk.Result result) {
        return result.non2xx() + result.socketErrors();
    }

    private static void row(Table table, List<Outcome> outcomes, String label, Function<Outcome, String> cell) {
        table.row(label, outcomes.stream().map(cell).toList());
    }
}
