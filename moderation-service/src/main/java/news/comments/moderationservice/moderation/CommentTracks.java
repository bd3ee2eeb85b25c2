package news.comments.moderationservice.moderation;

import java.util.UUID;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Every comment this task has seen, by id, with its track: the one store that both drops a redelivered
 * submission and remembers status and reports. It is a window store whose windows start at the submission
 * time, so a track older than {@code moderation.dedupe-retention} is dropped with its segment instead of
 * growing the store without end. What that costs: a submission redelivered after the retention is decided
 * again (with the same decision id, which consumers already treat as a repeat), and reports on a comment
 * older than the retention no longer hide it (moderators still can).
 */
final class CommentTracks {

    private final WindowStore<String, CommentTrack> store;

    CommentTracks(WindowStore<String, CommentTrack> store) {
        this.store = store;
    }

    /** Whether a comment submitted at {@code submittedAtMillis} has a track: the point lookup dedupe needs. */
    boolean contains(UUID commentId, long submittedAtMillis) {
        return store.fetch(commentId.toString(), submittedAtMillis) != null;
    }

    /** The comment's track, wherever in the retention it sits; null when the comment is unknown. */
    CommentTrack find(UUID commentId) {
        try (WindowStoreIterator<CommentTrack> found = store.backwardFetch(commentId.toString(), 0L, Long.MAX_VALUE)) {
            return found.hasNext() ? found.next().value : null;
        }
    }

    void put(UUID commentId, CommentTrack track) {
        store.put(commentId.toString(), track, track.submittedAt().toEpochMilli());
    }
}
