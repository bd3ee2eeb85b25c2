package news.comments.events;

import java.util.List;

/** The topics the services share. A change that breaks a contract is a new {@code .vN} topic. */
public final class Topics {

    /** Partitions per topic: the most consumers of one group that can share the work. */
    public static final int DEFAULT_PARTITIONS = 6;

    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public static final Topic<ArticleState> ARTICLE_STATE = new Topic<>("articles.state.v1", ArticleState.class, true);

    public static final Topic<CommentSubmitted> COMMENT_SUBMITTED =
            new Topic<>("comments.submitted.v1", CommentSubmitted.class, false);

    public static final Topic<CommentReported> COMMENT_REPORTED =
            new Topic<>("comments.reported.v1", CommentReported.class, false);

    public static final Topic<CommentModerated> COMMENT_MODERATED =
            new Topic<>("comments.moderated.v1", CommentModerated.class, false);

    /** Every change of a comment's status, from its owner comment-service: what readers can see. */
    public static final Topic<CommentStatusChanged> COMMENT_STATUS =
            new Topic<>("comments.status.v1", CommentStatusChanged.class, false);

    /** The moderation rule set, every version; compacted and keyed by version, so compaction keeps each version. */
    public static final Topic<RuleSetPublished> MODERATION_RULES =
            new Topic<>("moderation.rules.v1", RuleSetPublished.class, true);

    public static final List<Topic<?>> ALL = List.of(
            ARTICLE_STATE, COMMENT_SUBMITTED, COMMENT_REPORTED, COMMENT_MODERATED, COMMENT_STATUS, MODERATION_RULES);

    /** The contract topic of that name (a dead-letter topic maps to the topic it shadows). */
    public static java.util.Optional<Topic<?>> byName(String name) {
        String base = name != null && name.endsWith(DEAD_LETTER_SUFFIX)
                ? name.substring(0, name.length() - DEAD_LETTER_SUFFIX.length())
                : name;
        return ALL.stream()
                .<Topic<?>>map(t -> t)
                .filter(t -> t.name().equals(base))
                .findFirst();
    }

    private Topics() {}
}
