package news.comments.moderationservice.moderation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import news.comments.events.CommentModerated;
import news.comments.events.CommentReported;
import news.comments.events.Decision;
import news.comments.moderationservice.rules.Finding;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.moderationservice.rules.RuleSetSource;
import news.comments.moderationservice.rules.Rules;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the distinct readers who reported a comment (by the report's reporterId; a report without one, written
 * before reporters were told apart, counts by its own id) and, when an approved comment reaches the rule set's threshold,
 * publishes one automatic HELD decision that hides it until a moderator decides. Its decision id is fixed per
 * round (the approval it hides), so it exists once; a moderator's next decision starts a new round. The hold
 * is applied to the track here, as it is published.
 */
final class ReportWatcher implements Processor<String, CommentReported, String, CommentModerated> {

    private static final Logger log = LoggerFactory.getLogger(ReportWatcher.class);

    private final RuleSetSource rules;
    private ProcessorContext<String, CommentModerated> context;
    private CommentTracks tracks;

    ReportWatcher(RuleSetSource rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, CommentModerated> context) {
        this.context = context;
        tracks = new CommentTracks(context.getStateStore(ModerationTopology.COMMENT_TRACKS_STORE));
    }

    @Override
    public void process(Record<String, CommentReported> record) {
        CommentReported report = record.value();
        if (report == null) {
            return;
        }
        String key = report.commentId().toString();
        CommentTrack track = tracks.find(report.commentId());
        if (track == null || !track.articleId().equals(report.articleId())) {
            log.debug("Report {} is on comment {}, which moderation does not track; ignored", report.reportId(), key);
            return;
        }
        CommentTrack before = track;
        track = track.withReport(report);
        if (track == before) {
            return; // this reader counted already
        }
        if (track.status() == Decision.APPROVED && !track.hiddenByReports()) {
            RuleSet ruleSet = rules.current();
            Optional<Finding> finding = Rules.reports(track.reporters().size(), ruleSet);
            if (finding.isPresent()) {
                long now = context.currentSystemTimeMs();
                Instant decidedAt =
                        Instant.ofEpochMilli(Math.max(now, track.statusAt().toEpochMilli() + 1));
                UUID decisionId = UUID.nameUUIDFromBytes(
                        ("reports:" + key + ":" + track.statusAt().toEpochMilli()).getBytes(StandardCharsets.UTF_8));
                CommentModerated hold = new CommentModerated(
                        decisionId,
                        report.commentId(),
                        report.articleId(),
                        Decision.HELD,
                        java.util.List.of(finding.get().reason()),
                        CommentModerated.RULES,
                        ruleSet.version(),
                        decidedAt,
                        null);
                track = track.hidden().after(hold);
                log.info(
                        "Comment {} hidden after reports by {} readers",
                        key,
                        track.reporters().size());
                // The hold continues the trace of the report that caused it.
                context.forward(new Record<>(
                        report.articleId().toString(),
                        hold,
                        decidedAt.toEpochMilli(),
                        TraceHeaders.carried(record.headers())));
            }
        }
        tracks.put(report.commentId(), track);
    }
}
