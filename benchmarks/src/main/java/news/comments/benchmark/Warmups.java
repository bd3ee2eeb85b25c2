package news.comments.benchmark;

import java.time.Duration;

/** How long each benchmark warms up. */
final class Warmups {

    private Warmups() {}

    /** Before a later run on a stack whose JVMs are warm already: a quarter of the warm-up, at least 5 s (or all of it when shorter). */
    static Duration next(Duration warmup) {
        Duration quarter = warmup.dividedBy(4);
        Duration floor = warmup.compareTo(Duration.ofSeconds(5)) < 0 ? warmup : Duration.ofSeconds(5);
        return quarter.compareTo(floor) > 0 ? quarter : floor;
    }
}
