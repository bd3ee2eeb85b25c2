package news.comments.benchmark;

import java.util.Locale;

/** Table cells that several benchmarks print the same way. */
final class Cells {

    private Cells() {}

    /** "busy / the other stack / not ours" in % of the machine. */
    static String machine(CpuMeter.Usage usage) {
        return String.format(
                Locale.ROOT,
                "%.0f / %.0f / %.0f %%",
                usage.percentOfMachine(usage.machine()),
                usage.percentOfMachine(usage.otherStack()),
                usage.percentOfMachine(usage.notOurs()));
    }
}
