package news.comments.benchmark;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Benchmark 3: the same one-comment GET through the gateway and straight at comment-service, wrk closed
 * loop, the legs alternated after a warm-up so both see the same machine.
 */
final class GatewayOverheadBenchmark {

    static final double TARGET_RATIO = 0.6;
    static final double TARGET_MICROS = 300;
    private static final int CONNECTIONS = 16;
    private static final int ROUNDS = 2;

    /** One side (via the gateway or direct) summed over its rounds. */
    private record Side(
            long requests,
            double seconds,
            double gatewayCpu,
            double commentServiceCpu,
            double wrkCpu,
            double p50Micros,
            double p99Micros,
            long failures,
            String machine) {

        double perSecond() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        double micros(double cpuSeconds) {
            return requests == 0 ? 0 : cpuSeconds * 1e6 / requests;
        }
    }

    private record Outcome(Side gateway, Side direct) {

        double ratio() {
            return direct.perSecond() <= 0 ? 0 : gateway.perSecond() / direct.perSecond();
        }
    }

    private final List<BenchStack> stacks;
    private final Wrk wrk;
    private final Options options;
    private final Sizes sizes;

    GatewayOverheadBenchmark(List<BenchStack> stacks, Wrk wrk, Options options, Sizes sizes) {
        this.stacks = stacks;
        this.wrk = wrk;
        this.options = options;
        this.sizes = sizes;
    }

    Section run() {
        Section section = new Section("3. Gateway overhead");
        section.method("`GET /api/comments/{id}` of one approved comment, through the gateway and straight at "
                + "comment-service's own port (loopback): wrk closed loop, " + CONNECTIONS
                + " connections, no Lua per request. "
                + "Each stack: a warm-up of " + options.warmup().toSeconds() + " s (half on each path), then " + ROUNDS
                + " rounds of the two legs in turn, " + sizes.legSeconds()
                + " s each. Requests/s = requests / time over "
                + "the rounds; p50 and p99 are the mean of the rounds' (wrk's histogram is per run). CPU per request = "
                + "the process's user + system time during its legs / requests.");
        List<Outcome> outcomes = new ArrayList<>();
        for (BenchStack stack : stacks) {
            outcomes.add(measure(stack));
        }
        Table table = new Table("", stacks.stream().map(BenchStack::name).toList());
        row(
                table,
                outcomes,
                "requests/s via the gateway / direct",
                o -> Table.number(o.gateway().perSecond()) + " / "
                        + Table.number(o.direct().perSecond()));
        row(
                table,
                outcomes,
                "**gateway rate / direct rate**",
                o -> "**" + String.format(Locale.ROOT, "%.2f", o.ratio()) + "**");
        row(
                table,
                outcomes,
                "p50 ms via the gateway / direct",
                o -> Latency.millis(o.gateway().p50Micros() / 1000) + " / "
                        + Latency.millis(o.direct().p50Micros() / 1000));
        row(
                table,
                outcomes,
                "p99 ms via the gateway / direct",
                o -> Latency.millis(o.gateway().p99Micros() / 1000) + " / "
                        + Latency.millis(o.direct().p99Micros() / 1000));
        row(
                table,
                outcomes,
                "**gateway CPU µs per proxied request**",
                o -> "**" + Table.number(o.gateway().micros(o.gateway().gatewayCpu())) + "**");
        row(
                table,
                outcomes,
                "comment-service CPU µs per request, via the gateway / direct",
                o -> Table.number(o.gateway().micros(o.gateway().commentServiceCpu())) + " / "
                        + Table.number(o.direct().micros(o.direct().commentServiceCpu())));
        row(
                table,
                outcomes,
                "wrk CPU µs per request, via the gateway / direct",
                o -> Table.number(o.gateway().micros(o.gateway().wrkCpu())) + " / "
                        + Table.number(o.direct().micros(o.direct().wrkCpu())));
        row(
                table,
                outcomes,
                "failed requests (non-2xx, socket errors)",
                o -> o.gateway().failures() + " / " + o.direct().failures());
        row(
                table,
                outcomes,
                "machine busy / other stack / not ours, % (last gateway leg)",
                o -> o.gateway().machine());
        row(
                table,
                outcomes,
                "target: gateway ≥ " + TARGET_RATIO + "× the direct rate",
                o -> Table.metOrMissed(o.ratio() >= TARGET_RATIO));
        row(
                table,
                outcomes,
                "target: ≤ " + (int) TARGET_MICROS + " µs gateway CPU per proxied request",
                o -> Table.metOrMissed(o.gateway().micros(o.gateway().gatewayCpu()) <= TARGET_MICROS));
        section.table(table);
        for (int i = 0; i < stacks.size(); i++) {
            Outcome o = outcomes.get(i);
            double micros = o.gateway().micros(o.gateway().gatewayCpu());
            section.verdict(String.format(
                    Locale.ROOT,
                    "%s: the gateway serves %.2f× the direct rate (%s vs %s requests/s) "
                            + "at %s µs of gateway CPU per proxied request. **Target** (≥ %.1f×, ≤ %.0f µs): **%s**.",
                    stacks.get(i).name(),
                    o.ratio(),
                    Table.number(o.gateway().perSecond()),
                    Table.number(o.direct().perSecond()),
                    Table.number(micros),
                    TARGET_RATIO,
                    TARGET_MICROS,
                    o.ratio() >= TARGET_RATIO && micros <= TARGET_MICROS ? "met" : "missed"));
        }
        return section;
    }

    private Outcome measure(BenchStack stack) {
        String commentId = stack.fixtures()
                .thread("Small thread", sizes.smallThreadComments())
                .someCommentId();
        URI viaGateway = GatewayApi.comment(stack.gateway(), commentId);
        URI direct = GatewayApi.comment(stack.commentService(), commentId);
        System.out.println("[bench] gateway overhead, " + stack.name() + ": warm-up");
        wrk.run(viaGateway, Wrk.Script.GET_ONE, CONNECTIONS, options.warmup().dividedBy(2), List.of());
        wrk.run(direct, Wrk.Script.GET_ONE, CONNECTIONS, options.warmup().dividedBy(2), List.of());
        List<Wrk.Result> gatewayRuns = new ArrayList<>();
        List<Wrk.Result> directRuns = new ArrayList<>();
        List<CpuMeter.Usage> gatewayCpu = new ArrayList<>();
        List<CpuMeter.Usage> directCpu = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            leg(stack, viaGateway, gatewayRuns, gatewayCpu);
            leg(stack, direct, directRuns, directCpu);
        }
        return new Outcome(side(gatewayRuns, gatewayCpu), side(directRuns, directCpu));
    }

    private void leg(BenchStack stack, URI uri, List<Wrk.Result> runs, List<CpuMeter.Usage> usages) {
        CpuMeter.Sample before = stack.cpu().sample();
        runs.add(wrk.run(
                uri, Wrk.Script.GET_ONE, CONNECTIONS, java.time.Duration.ofSeconds(sizes.legSeconds()), List.of()));
        usages.add(CpuMeter.usage(before, stack.cpu().sample()));
    }

    private static Side side(List<Wrk.Result> runs, List<CpuMeter.Usage> usages) {
        CpuMeter.Usage last = usages.get(usages.size() - 1);
        return new Side(
                runs.stream().mapToLong(Wrk.Result::requests).sum(),
                runs.stream().mapToDouble(Wrk.Result::seconds).sum(),
                usages.stream()
                        .mapToDouble(u -> u.parts().getOrDefault("gateway", 0.0))
                        .sum(),
                usages.stream()
                        .mapToDouble(u -> u.parts().getOrDefault("comment-service", 0.0))
                        .sum(),
                usages.stream().mapToDouble(CpuMeter.Usage::wrk).sum(),
                runs.stream().mapToLong(Wrk.Result::p50).average().orElse(0),
                runs.stream().mapToLong(Wrk.Result::p99).average().orElse(0),
                runs.stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum(),
                Cells.machine(last));
    }

    private static void row(Table table, List<Outcome> outcomes, String label, Function<Outcome, String> cell) {
        table.row(label, outcomes.stream().map(cell).toList());
    }
}
