package news.comments.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes BENCHMARKS.md: the machine, the command, what was measured, every section, and the hand-written analysis. */
final class Report {

    private Report() {}

    /** What one variant ran: its jars as copied, the services' JDK, JVM options and extra environment. */
    record Services(Variant variant, List<String> jars, String jdk, String commit) {}

    record Run(
            Instant started,
            Instant finished,
            Machine machine,
            String loadBefore,
            String loadAfter,
            String command,
            List<Services> services,
            String foreignLoad,
            boolean quick,
            Options options) {}

    static void write(Path file, Run run, List<Section> sections, Path analysis) {
        StringBuilder out = new StringBuilder("# Benchmarks\n\n");
        out.append(
                        "Written by the benchmark harness (`benchmarks/`, see `benchmarks/README.md`); every figure below is ")
                .append("what that run measured. Re-running the command rewrites this file.")
                .append(
                        run.services().size() > 1
                                ? " Each benchmark ran for both sets of services in the same run; "
                                        + "the columns are side by side."
                                : "")
                .append(
                        run.quick()
                                ? " **This was a --quick smoke run: small sizes, short windows, the figures mean little.**"
                                : "")
                .append("\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| date | ")
                .append(run.started().truncatedTo(ChronoUnit.SECONDS))
                .append(" to ")
                .append(run.finished().truncatedTo(ChronoUnit.SECONDS))
                .append(" |\n");
        out.append("| machine | ")
                .append(run.machine().cores())
                .append(" cores (nproc), ")
                .append(run.machine().cpuModel())
                .append(", ")
                .append(run.machine().memory())
                .append(" RAM, ")
                .append(run.machine().os())
                .append(" |\n");
        out.append("| load average (1/5/15 min) | before the run ")
                .append(run.loadBefore())
                .append(", after ")
                .append(run.loadAfter())
                .append(" |\n");
        out.append("| other load during the run | ").append(run.foreignLoad()).append(" |\n");
        out.append("| command | `").append(run.command()).append("` |\n");
        for (Services services : run.services()) {
            Variant variant = services.variant();
            out.append("| services: ")
                    .append(variant.name())
                    .append(" | from `")
                    .append(variant.jars())
                    .append("` (")
                    .append(services.commit())
                    .append("): ")
                    .append(String.join(", ", services.jars()))
                    .append("; JDK: ")
                    .append(services.jdk())
                    .append("; JVM options: `")
                    .append(String.join(" ", variant.jvmOptions()))
                    .append("`; extra environment: ")
                    .append(environment(variant.environment()))
                    .append(" |\n");
        }
        out.append("| harness | JDK ")
                .append(run.machine().jdk())
                .append(" (also the Kafka broker's, `-Xms256m -Xmx512m`); ")
                .append("load generator: ")
                .append(Wrk.EXECUTABLE)
                .append(" (Debian's wrk) with the harness's Lua scripts; ")
                .append("warm-up ")
                .append(run.options().warmup().toSeconds())
                .append(" s, end-to-end window ")
                .append(run.options().measure().toSeconds())
                .append(" s |\n");
        out.append(
                "| set-up | everything on this one machine: the harness (wrk and a Kafka consumer), per set of services one "
                        + "stack on free ports: a Kafka broker (KRaft, one node), PostgreSQL (embedded), the four services as child "
                        + "processes; the gateway's per-client rate limits lifted (all load comes from 127.0.0.1)"
                        + (run.services().size() > 1
                                ? "; both stacks run for the whole run, one idle while the other is measured"
                                : "")
                        + " |\n\n");
        out.append("## Summary\n\n");
        for (Section section : sections) {
            out.append("- **")
                    .append(section.title())
                    .append("**: ")
                    .append(section.summary())
                    .append('\n');
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
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        System.out.println("[bench] wrote " + file.toAbsolutePath());
    }

    private static String environment(Map<String, String> environment) {
        return environment.isEmpty()
                ? "none"
                : environment.entrySet().stream()
                        .map(entry -> "`" + entry.getKey() + "=" + entry.getValue() + "`")
                        .collect(Collectors.joining(", "));
    }
}
