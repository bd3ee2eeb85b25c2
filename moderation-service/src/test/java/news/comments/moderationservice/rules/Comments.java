package news.comments.moderationservice.rules;

import java.time.Instant;
import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/** Test data for the rules. */
final class Comments {

    static final UUID ARTICLE = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final Instant OPENED = Instant.parse("2025-01-01T10:00:00Z");
    static final Instant CLOSED = Instant.parse("2025-01-01T12:00:00Z");

    private Comments() {
    }

    static CommentSubmitted comment(String text) {
        return comment(text, OPENED.plusSeconds(60));
    }

    static CommentSubmitted comment(String text, Instant submittedAt) {
        return new CommentSubmitted(UUID.randomUUID(), ARTICLE, null, "reader", text, submittedAt);
    }

    static ArticleState open() {
        return new ArticleState(ARTICLE, "Title", true, null, null, 1, OPENED);
    }

    static ArticleState closedAt(Instant closedAt) {
        return new ArticleState(ARTICLE, "Title", false, closedAt, null, 2, closedAt);
    }

    static ArticleState autoClosingAt(Instant autoCloseAt) {
        return new ArticleState(ARTICLE, "Title", true, null, autoCloseAt, 1, OPENED);
    }
}
