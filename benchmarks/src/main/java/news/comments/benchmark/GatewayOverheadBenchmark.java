package news.comments.benchmark;

import java.net.URI;
import java.util.Locale;

/**
 * Benchmark 3: the same GET through the gateway and straight at comment-service, alternated in
 * rounds within one run so both see the same machine state.
 */
final class GatewayOverheadBenchmark {

    private static final int CLIENTS = 16;
    private static final int ROUNDS = 2;

    private final URI gateway;
    private final URI commentService;
    private final ProcessCpu cpu;
    private final Sizes sizes;

    GatewayOverheadBenchmark(URI gateway, URI commentService, ProcessCpu cpu, Sizes sizes) {
        this.gateway = gateway;
        this.commentService = commentService;
        this.cpu = cpu;
        this.sizes = sizes;
    }

    /** articleId: a thread with approved comments; commentId: one approved comment. */
    Section run(String articleId, String commentId) {
        Section section = new Section("3. Gateway overhead");
        section.method("Closed loop, " + CLIENTS + " clients (one thread each, JDK HttpClient, HTTP/1.1 keep-alive), "
                + sizes.overheadSeconds() + " s per leg; the legs alternate gateway / direct, " + ROUNDS
                + " rounds, and each side's figures are the sum of its rounds. Direct = comment-service's own port "
                + "(loopback). Two GETs: one comment (`GET /api/comments/{id}`) and the first page of a thread "
                + "(`GET /api/articles/{id}/comments?page=0&size=20`).");
        section.figure("| GET | via | requests/s | p50 ms | p99 ms | non-200 | CPU during the leg (last round) |");
        section.figure("|---|---|---|---|---|---|---|");
        compare(section, "one comment", base -> GatewayApi.comment(base, commentId));
        compare(section, "thread page", base -> GatewayApi.commentsPage(base, articleId, 0, 20));
        return section;
    }

    private void compare(Section section, String label, java.util.function.Function<URI, URI> path) {
        Http http = new Http();
        Latency[] latency = {new Latency(), new Latency()};
        long[] requests = new long[2];
        long[] failures = new long[2];
        double[] perSecond = new double[2];
        String[] cpuUse = new String[2];
        URI[] bases = {gateway, commentService};
        ClosedLoop.run(http, CLIENTS, 2, n -> path.apply(gateway)); // warm-up of both paths
        ClosedLoop.run(http, CLIENTS, 2, n -> path.apply(commentService));
        for (int round = 0; round < ROUNDS; round++) {
            for (int side = 0; side < 2; side++) {
                URI uri = path.apply(bases[side]);
                cpu.start();
                ClosedLoop.Result result = ClosedLoop.run(http, CLIENTS, sizes.overheadSeconds(), n -> uri);
                cpuUse[side] = cpu.sinceStart();
                latency[side] = merge(latency[side], result.latency());
                requests[side] += result.requests();
                failures[side] += result.failures();
                perSecond[side] += result.perSecond() / ROUNDS;
            }
        }
        for (int side = 0; side < 2; side++) {
            section.figure(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %s | %d | %s |", label,
                    side == 0 ? "gateway" : "direct", perSecond[side],
                    Latency.millis(latency[side].percentileMillis(50)), Latency.millis(latency[side].percentileMillis(99)),
                    failures[side], cpuUse[side]));
        }
        section.verdict(String.format(Locale.ROOT,
                "- %s: the gateway serves %.2f× the direct rate (direct/gateway throughput ratio %.2f); "
                        + "latency ratio gateway/direct p50 %.2f, p99 %.2f.", label,
                perSecond[0] / perSecond[1], perSecond[1] / perSecond[0],
                latency[0].percentileMillis(50) / latency[1].percentileMillis(50),
                latency[0].percentileMillis(99) / latency[1].percentileMillis(99)));
    }

    private static Latency merge(Latency into, Latency from) {
        into.add(from);
        return into;
    }
}
