package news.comments.benchmark;

import java.util.List;

/** How big each benchmark is: the real run, or --quick for a smoke run of the whole harness. */
record Sizes(
        int articles,
        List<Integer> rates,
        int rateSeconds,
        int readThreadComments,
        int readSeconds,
        int overheadSeconds,
        int closeRepeats,
        int moderationSubmissions,
        int moderationArticles) {

    static Sizes full() {
        return new Sizes(50, List.of(250, 500, 1000, 2000, 3500, 5000), 15, 10_000, 15, 10, 20, 1_000_000, 1_000);
    }

    static Sizes quick() {
        return new Sizes(5, List.of(50, 100), 4, 500, 3, 3, 3, 20_000, 50);
    }
}
