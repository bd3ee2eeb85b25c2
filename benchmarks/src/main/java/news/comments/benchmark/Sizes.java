package news.comments.benchmark;

/** How big each benchmark is: the real run, or --quick for a smoke run of the whole harness. */
record Sizes(
        int articles,
        int readThreadComments,
        int smallThreadComments,
        int legSeconds,
        int idleSettleSeconds,
        int idleSeconds,
        int closeRepeats,
        int moderationSubmissions,
        int moderationArticles) {

    static Sizes full() {
        return new Sizes(50, 10_000, 50, 15, 30, 60, 20, 1_000_000, 1_000);
    }

    static Sizes quick() {
        return new Sizes(10, 500, 20, 3, 10, 5, 3, 20_000, 50);
    }
}
