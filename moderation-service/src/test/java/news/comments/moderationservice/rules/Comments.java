package news.comments.moderationservice.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.events.CommentSubmitted;

/** Test data for the rules. */
final class Comments {

    static final UUID ARTICLE = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final Instant OPENED = Instant.parse("2025-01-01T10:00:00Z");
    static final Instant CLOSED = Instant.parse("2025-01-01T12:00:00Z");
    static final Instant AT = OPENED.plusSeconds(60);

    private Comments() {}

    static CommentSubmitted comment(String text) {
        return comment(text, AT);
    }

    static CommentSubmitted comment(String text, Instant submittedAt) {
        return new CommentSubmitted(UUID.randomUUID(), ARTICLE, null, "reader", text, submittedAt);
    }

    static CommentSubmitted by(String author, String text) {
        return new CommentSubmitted(UUID.randomUUID(), ARTICLE, null, author, text, AT);
    }

    static ArticleState open() {
        return new ArticleState(ARTICLE, "Title", true, null, null, 1, OPENED, OPENED);
    }

    static ArticleState publishedAt(Instant publishedAt, Instant autoCloseAt) {
        return new ArticleState(ARTICLE, "Title", true, null, autoCloseAt, 1, publishedAt, publishedAt);
    }

    static ArticleState closedAt(Instant closedAt) {
        return new ArticleState(ARTICLE, "Title", false, closedAt, null, 2, closedAt);
    }

    static ArticleState autoClosingAt(Instant autoCloseAt) {
        return new ArticleState(ARTICLE, "Title", true, null, autoCloseAt, 1, OPENED);
    }

    static AuthorHistory history(boolean hasApproved, Object... secondsAgoAndText) {
        List<AuthorHistory.Past> past = new java.util.ArrayList<>();
        for (int i = 0; i < secondsAgoAndText.length; i += 2) {
            past.add(new AuthorHistory.Past(
                    AT.minusSeconds(((Number) secondsAgoAndText[i]).longValue()),
                    AuthorHistory.textKey((String) secondsAgoAndText[i + 1])));
        }
        return new AuthorHistory(past, hasApproved);
    }

    /** A rule set built from the defaults by a few changes. */
    static RuleSetBuilder rules() {
        return new RuleSetBuilder();
    }

    static final class RuleSetBuilder {
        long version = 3;
        List<String> banned = List.of();
        List<String> suspect = List.of();
        int maxLinks = 2;
        int maxLength = 5000;
        int autoCloseDays = 0;
        int duplicateWindow = 600;
        int floodMax = 5;
        int floodWindow = 60;
        List<String> bannedAuthors = List.of();
        boolean all;
        java.util.Set<UUID> articles = java.util.Set.of();
        boolean newAuthors;
        int reportThreshold = 3;

        RuleSetBuilder banned(String... words) {
            banned = List.of(words);
            return this;
        }

        RuleSetBuilder suspect(String... words) {
            suspect = List.of(words);
            return this;
        }

        RuleSetBuilder maxLinks(int n) {
            maxLinks = n;
            return this;
        }

        RuleSetBuilder maxLength(int n) {
            maxLength = n;
            return this;
        }

        RuleSetBuilder autoCloseDays(int n) {
            autoCloseDays = n;
            return this;
        }

        RuleSetBuilder duplicateWindow(int s) {
            duplicateWindow = s;
            return this;
        }

        RuleSetBuilder flood(int max, int window) {
            floodMax = max;
            floodWindow = window;
            return this;
        }

        RuleSetBuilder bannedAuthors(String... a) {
            bannedAuthors = List.of(a);
            return this;
        }

        RuleSetBuilder preModerateAll() {
            all = true;
            return this;
        }

        RuleSetBuilder preModerate(UUID article) {
            articles = java.util.Set.of(article);
            return this;
        }

        RuleSetBuilder preModerateNewAuthors() {
            newAuthors = true;
            return this;
        }

        RuleSetBuilder reportThreshold(int n) {
            reportThreshold = n;
            return this;
        }

        RuleSetBuilder version(long v) {
            version = v;
            return this;
        }

        RuleSet build() {
            return new RuleSet(
                    version,
                    banned,
                    suspect,
                    maxLinks,
                    maxLength,
                    autoCloseDays,
                    duplicateWindow,
                    floodMax,
                    floodWindow,
                    bannedAuthors,
                    all,
                    articles,
                    newAuthors,
                    reportThreshold);
        }
    }
}
