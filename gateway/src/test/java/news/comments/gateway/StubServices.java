package news.comments.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The three downstream services as stubs, for a gateway test that routes real calls to them. */
record StubServices(StubDownstream articles, StubDownstream comments, StubDownstream moderation)
        implements AutoCloseable {

    static StubServices start() {
        return new StubServices(
                new StubDownstream("article-service"),
                new StubDownstream("comment-service"),
                new StubDownstream("moderation-service"));
    }

    /** Points the gateway's routes at the stubs (from a {@code @DynamicPropertySource}). */
    void routeTo(DynamicPropertyRegistry registry) {
        registry.add("comments.gateway.article-service-uri", this.articles::uri);
        registry.add("comments.gateway.comment-service-uri", this.comments::uri);
        registry.add("comments.gateway.moderation-service-uri", this.moderation::uri);
    }

    @Override
    public void close() {
        this.articles.close();
        this.comments.close();
        this.moderation.close();
    }
}
