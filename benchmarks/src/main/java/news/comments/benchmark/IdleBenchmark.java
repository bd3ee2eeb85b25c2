package news.comments.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Benchmark 7: the whole stack without traffic, after the other benchmarks' load has stopped. */
final class IdleBenchmark {

    static final double TARGET_PERCENT_OF_CORE = 5;

    private final List<BenchStack> stacks;
    private final Sizes sizes;

    IdleBenchmark(List<BenchStack> stacks, Sizes sizes) {
        this.stacks = stacks;
        this.sizes = sizes;
    }

    Section run() {
        Section section = new Section("7. Idle");
        section.method("After the other benchmarks (warm JVMs, data in place), no request at all: a settle pause of "
                + sizes.idleSettleSeconds() + " s, then the CPU of every process of the stack over "
                + sizes.idleSeconds()
                + " s (user + system time from /proc, PostgreSQL with all its processes), in % of one core. "
                + (stacks.size() > 1 ? "Both stacks idle at the same time and are measured together. " : "")
                + "The harness's only activity is its Kafka consumer polling.");
        System.out.println("[bench] idle: settling for " + sizes.idleSettleSeconds() + " s");
        GatewayApi.sleep(sizes.idleSettleSeconds() * 1000L);
        List<CpuMeter.Sample> before =
                stacks.stream().map(stack -> stack.cpu().sample()).toList();
        GatewayApi.sleep(sizes.idleSeconds() * 1000L);
        List<CpuMeter.Usage> usages = new ArrayList<>();
        for (int i = 0; i < stacks.size(); i++) {
            usages.add(CpuMeter.usage(before.get(i), stacks.get(i).cpu().sample()));
        }
        Table table =
                new Table("% of one core", stacks.stream().map(BenchStack::name).toList());
        for (String part : CpuMeter.PARTS) {
            table.row(
                    part,
                    usages.stream()
                            .map(u -> percent(u.percentOfCore(u.parts().getOrDefault(part, 0.0))))
                            .toList());
        }
        table.row(
                "**whole stack (services + broker + database)**",
                usages.stream()
                        .map(u -> "**" + percent(u.percentOfCore(u.system())) + "**")
                        .toList());
        table.row(
                "harness (its Kafka consumers)",
                usages.stream().map(u -> percent(u.percentOfCore(u.harness()))).toList());
        table.row(
                "not ours (the rest of the machine)",
                usages.stream().map(u -> percent(u.percentOfCore(u.notOurs()))).toList());
        table.row(
                "target: whole stack < " + (int) TARGET_PERCENT_OF_CORE + " % of one core",
                usages.stream()
                        .map(u -> Table.metOrMissed(u.percentOfCore(u.system()) < TARGET_PERCENT_OF_CORE))
                        .toList());
        section.table(table);
        for (int i = 0; i < stacks.size(); i++) {
            double whole = usages.get(i).percentOfCore(usages.get(i).system());
            section.verdict(String.format(
                    Locale.ROOT,
                    "%s: the idle stack uses %s of one core. **Target** (< %.0f %%): **%s**.",
                    stacks.get(i).name(),
                    percent(whole),
                    TARGET_PERCENT_OF_CORE,
                    whole < TARGET_PERCENT_OF_CORE ? "met" : "missed"));
        }
        return section;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value);
    }
}
