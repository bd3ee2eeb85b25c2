package news.comments.web.access;

import org.springframework.http.HttpMethod;

/**
 * Who may call what under {@code /api/}, declared once. Each service applies the part it serves, the
 * gateway applies all of it (and checks the token's role before the call goes on), so a call that
 * bypasses the gateway meets the same rule.
 */
public final class ApiAccess {

    /** Reading articles is open; creating (unlisted, so a moderator's), closing and reopening is not. */
    public static final AccessRules ARTICLE_SERVICE = AccessRules.moderatorOnly(
                    "/api/articles/*/close", "/api/articles/*/reopen")
            .readers(HttpMethod.GET, "/api/articles", "/api/articles/*");

    /** Readers read, post and report comments; a comment's history and the moderation queue are not theirs. */
    public static final AccessRules COMMENT_SERVICE = AccessRules.moderatorOnly(
                    "/api/comments/*/history", "/api/moderation/**")
            .readers(HttpMethod.GET, "/api/articles/*/comments", "/api/articles/*/comments/stream", "/api/comments/*")
            .readers(HttpMethod.POST, "/api/articles/*/comments", "/api/comments/*/reports");

    /** Decisions and rules: nothing here is for readers. */
    public static final AccessRules MODERATION_SERVICE = AccessRules.moderatorOnly("/api/moderation/**");

    /** The whole API, as the gateway applies it. */
    public static final AccessRules ALL_SERVICES =
            ARTICLE_SERVICE.and(COMMENT_SERVICE).and(MODERATION_SERVICE);

    private ApiAccess() {}
}
