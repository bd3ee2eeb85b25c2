package news.comments.moderationservice.moderation;

import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import news.comments.moderationservice.rules.AuthorHistory;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads every decision back from {@code comments.moderated.v1} (the rules' own and the moderators') and keeps
 * each comment's status the way comment-service lands it, so reports know whether a comment is approved, and
 * an approval by hand counts for the new-author rule.
 */
final class DecisionTracker implements Processor<String, CommentModerated, Void, Void> {

    private KeyValueStore<String, CommentTrack> tracks;
    private KeyValueStore<String, AuthorHistory> authors;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        tracks = context.getStateStore(ModerationTopology.COMMENT_TRACKS_STORE);
        authors = context.getStateStore(ModerationTopology.AUTHOR_HISTORY_STORE);
    }

    @Override
    public void process(Record<String, CommentModerated> record) {
        CommentModerated decision = record.value();
        if (decision == null) {
            return;
        }
        String key = decision.commentId().toString();
        CommentTrack track = tracks.get(key);
        if (track == null) {
            track = CommentTrack.submitted(decision.articleId(), null); // submitted before moderation kept tracks
        }
        CommentTrack next = track.after(decision);
        if (next != track) {
            tracks.put(key, next);
        }
        if (next.status() == Decision.APPROVED && next.author() != null) {
            String authorKey = CommentJudge.authorKey(decision.articleId().toString(), next.author());
            AuthorHistory history = authors.get(authorKey);
            if (history == null || !history.hasApproved()) {
                authors.put(authorKey, new AuthorHistory(history == null ? null : history.recent(), true));
            }
        }
    }
}
