package news.comments.commentservice.moderation;

import java.time.Instant;
import java.util.List;
import news.comments.events.Decision;
import news.comments.events.Reason;

/** One decision in a comment's moderation history. */
public record HistoryItem(
        Decision decision, List<Reason> reasons, String decidedBy, Instant decidedAt, String note, long rulesVersion) {}
