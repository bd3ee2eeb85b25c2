package news.comments.moderationservice.moderation;

import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import news.comments.moderationservice.rules.AuthorHistory;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A moderator's decision, as the decisions endpoint requested it on {@link ModerationTopology#MODERATOR_DECISIONS_TOPIC}:
 * applied to the comment's track (a new round of reports starts) and, for an approval, to the author's
 * history (no longer a new author in this thread), then published on {@code comments.moderated.v1} in the same
 * transaction. So moderation never reads its own output back, and a request is published exactly once.
 *
 * <p>A comment moderation has no track for (older than the track retention, or never submitted) is still
 * published: comment-service owns the comments and skips a decision for one it does not have.
 */
final class ModeratorDecisions implements Processor<String, CommentModerated, String, CommentModerated> {

    private static final Logger log = LoggerFactory.getLogger(ModeratorDecisions.class);

    private ProcessorContext<String, CommentModerated> context;
    private CommentTracks tracks;
    private KeyValueStore<String, AuthorHistory> authors;

    @Override
    public void init(ProcessorContext<String, CommentModerated> context) {
        this.context = context;
        tracks = new CommentTracks(context.getStateStore(ModerationTopology.COMMENT_TRACKS_STORE));
        authors = context.getStateStore(ModerationTopology.AUTHOR_HISTORY_STORE);
    }

    @Override
    public void process(Record<String, CommentModerated> record) {
        CommentModerated decision = record.value();
        if (decision == null || decision.automatic()) {
            return; // only moderators request decisions here
        }
        CommentTrack track = tracks.find(decision.commentId());
        if (track != null && !track.articleId().equals(decision.articleId())) {
            log.warn(
                    "Moderator decision {} names article {} but comment {} is on article {}; dropped",
                    decision.decisionId(),
                    decision.articleId(),
                    decision.commentId(),
                    track.articleId());
            return;
        }
        if (track == null) {
            log.info(
                    "Moderator decision {} is on comment {}, which moderation does not track; published as is",
                    decision.decisionId(),
                    decision.commentId());
        } else {
            CommentTrack next = track.after(decision);
            if (next != track) {
                tracks.put(decision.commentId(), next);
            }
            if (next.status() == Decision.APPROVED && next.author() != null) {
                rememberApproval(next);
            }
        }
        // The moderator's request's trace goes on to the decision (only the traceparent: the other headers
        // describe the request record, not the decision).
        context.forward(new Record<>(
                decision.partitionKey(),
                decision,
                decision.decidedAt().toEpochMilli(),
                TraceHeaders.carried(record.headers())));
    }

    private void rememberApproval(CommentTrack track) {
        String authorKey = CommentJudge.authorKey(track.articleId().toString(), track.author());
        AuthorHistory history = authors.get(authorKey);
        if (history == null || !history.hasApproved()) {
            authors.put(authorKey, new AuthorHistory(history == null ? null : history.recent(), true));
        }
    }
}
