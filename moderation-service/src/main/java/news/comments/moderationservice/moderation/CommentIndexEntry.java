package news.comments.moderationservice.moderation;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the comment index ({@link ModerationTopology#COMMENT_INDEX_TOPIC}, keyed by comment id): enough for
 * a moderator's decision to find the comment's article, on any instance.
 */
public record CommentIndexEntry(UUID commentId, UUID articleId, String author, Instant submittedAt) {}
