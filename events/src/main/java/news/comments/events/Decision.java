package news.comments.events;

/** The outcome of moderating one comment. Only APPROVED comments are shown to readers. */
public enum Decision {
    APPROVED,
    HELD,
    REJECTED,
    REMOVED
}
