package news.comments.commentservice.comment;

import news.comments.events.Decision;

/** Where a comment stands: PENDING until a decision lands, then the decision's outcome. */
public enum CommentStatus {
    PENDING,
    APPROVED,
    HELD,
    REJECTED,
    REMOVED;

    public static CommentStatus of(Decision decision) {
        return valueOf(decision.name());
    }
}
