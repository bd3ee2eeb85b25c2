package news.comments.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Writes BENCHMARKS.md: the machine, the command, every section, and the hand-written analysis. */
final class Report {

    private Report() {
    }

    record Run(Instant started, Instant finished, Machine machine, String loadBefore, String loadAfter,
               String command, List<String> jars, String gitCommit, String foreignLoad, boolean quick) {
    }

    static void write(Path file, Run run, List<Section> sections, Path analysis) {
        StringBuilder out = new StringBuilder("# Benchmarks\n\n");
        out.append("Written by the benchmark harness (`benchmarks/`, see `benchmarks/README.md`); every figure below is ")
                .append("what that run measured. Re-running the command rewrites this file.")
                .append(run.quick() ? " **This was a --quick smoke run: small sizes, the figures mean little.**" : "")
                .append("\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| date | ").append(run.started().truncatedTo(ChronoUnit.SECONDS)).append(" to ")
                .append(run.finished().truncatedTo(ChronoUnit.SECONDS)).append(" |\n");
        out.append("| machine | ").append(run.machine().cores()).append(" cores (nproc), ").append(run.machine().cpuModel())
                .append(", ").append(run.machine().memory()).append(" RAM, ").append(run.machine().os()).append(" |\n");
        out.append("| JDK | ").append(run.machine().jdk()).append(" |\n");
        out.append("| load average (1/5/15 min) | before the run ").append(run.loadBefore()).append(", after ")
                .append(run.loadAfter()).append(" |\n");
        out.append("| other load during the run | ").append(run.foreignLoad()).append(" |\n");
        out.append("| command | `").append(run.command()).append("` |\n");
        out.append("| code | commit ").append(run.gitCommit()).append("; service jars (a private copy taken at the start): ")
                .append(String.join(", ", run.jars())).append(" |\n");
        out.append("| set-up | everything on this one machine: the harness (load generator and Kafka consumer), the Kafka "
                + "broker (KRaft, one node), PostgreSQL (embedded), the four services as child processes, each service "
                + "JVM `-Xmx384m`, default settings except the gateway's per-client rate limits (lifted: all load comes "
                + "from 127.0.0.1) |\n\n");
        out.append("## Summary\n\n");
        for (Section section : sections) {
            out.append("- **").append(section.title()).append("**: ").append(section.summary()).append('\n');
        }
        out.append('\n');
        sections.forEach(section -> out.append(section.markdown()));
        if (Files.isRegularFile(analysis)) {
            try {
                out.append(Files.readString(analysis)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        System.out.println("[bench] wrote " + file.toAbsolutePath());
    }
}
