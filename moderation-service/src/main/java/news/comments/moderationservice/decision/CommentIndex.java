package news.comments.moderationservice.decision;

import java.util.Optional;
import java.util.UUID;
import news.comments.moderationservice.moderation.CommentIndexEntry;

/** Finds a comment's article on this instance (the topology's global comment index). */
public interface CommentIndex {

    /** Empty when the comment is unknown. */
    Optional<CommentIndexEntry> find(UUID commentId);
}
