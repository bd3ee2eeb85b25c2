package news.comments.moderationservice.moderation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentSubmitted;
import news.comments.moderationservice.rules.AuthorHistory;
import news.comments.moderationservice.rules.Judged;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.moderationservice.rules.RuleSetSource;
import news.comments.moderationservice.rules.RulesEngine;
import news.comments.moderationservice.rules.TextNormalizer;
import news.comments.moderationservice.rules.Verdict;
import news.comments.support.tracing.Traceparents;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes exactly one automatic decision per comment.
 *
 * <p>A comment is judged by its article's state as of its own submission time, so the order in which a
 * close and a comment arrive does not matter. Because a close snapshot can reach Kafka a little after
 * comments submitted just after it, a comment waits until the wall clock passes
 * {@code submittedAt + closeGrace} before it is decided (a pending store checked by a wall-clock
 * punctuator); one that is already due, such as an old replay, is decided at once.
 *
 * <p>A comment's id is known from the moment it is first seen: while it waits, by its key in the pending
 * store; once decided, by its track in {@link CommentTracks}, which the judge writes itself with the status it
 * decided. So a submission redelivered by the at-least-once outbox, pending or decided, is dropped. With
 * {@code exactly_once_v2} the stores and the output commit together, so this holds across crashes.
 *
 * <p>Waiting comments sit in an in-memory store (with its changelog, so a restart restores them) sorted by
 * submission time; the due check scans it from the start, which deletions leave clean in memory (a
 * persistent store would walk its tombstones), and is scheduled only while something waits.
 *
 * <p>The author's recent submissions in this thread (for the duplicate, flood and new-author rules) live in a
 * store keyed by article and author, updated as each comment is decided, in submission-time order.
 *
 * <p>Tracing: a comment's {@code traceparent} header (its trace from the submission through the outbox) goes
 * on to its decision. A sampled one gets a span for the judging, whose context the decision carries; an
 * unsampled one is passed on as it came. While a comment waits, its {@code traceparent} waits beside it in
 * memory only (the pending store keeps the event as it is); after a restart the comments restored from the
 * changelog are decided without it.
 */
final class CommentJudge implements Processor<String, CommentSubmitted, String, CommentModerated> {

    private static final Logger log = LoggerFactory.getLogger(CommentJudge.class);

    /** Bounds one author's memory in one thread, whatever the windows (far above any flood limit in use). */
    static final int MAX_REMEMBERED = 500;

    private final ModerationSettings settings;
    private final RulesEngine engine;
    private final RuleSetSource rules;
    private final DecisionMetrics metrics;
    private final Traceparents traces;
    /** The traceparent of each waiting comment that came with one, by pending key. */
    private final Map<String, String> pendingTraces = new HashMap<>();

    private ProcessorContext<String, CommentModerated> context;
    private VersionedKeyValueStore<String, ArticleState> articles;
    private KeyValueStore<String, CommentSubmitted> pending;
    private KeyValueStore<String, AuthorHistory> authors;
    private CommentTracks tracks;
    /** The wall-clock check of the pending store; scheduled only while a comment waits there. */
    private Cancellable dueCheck;

    CommentJudge(
            ModerationSettings settings,
            RulesEngine engine,
            RuleSetSource rules,
            DecisionMetrics metrics,
            Traceparents traces) {
        this.settings = settings;
        this.engine = engine;
        this.rules = rules;
        this.metrics = metrics;
        this.traces = traces;
    }

    @Override
    public void init(ProcessorContext<String, CommentModerated> context) {
        this.context = context;
        articles = context.getStateStore(ModerationTopology.ARTICLE_STATES_STORE);
        pending = context.getStateStore(ModerationTopology.PENDING_COMMENTS_STORE);
        authors = context.getStateStore(ModerationTopology.AUTHOR_HISTORY_STORE);
        tracks = new CommentTracks(context.getStateStore(ModerationTopology.COMMENT_TRACKS_STORE));
        if (pending.approximateNumEntries() > 0) { // exact for the in-memory store
            checkDueComments(); // comments left waiting by an earlier run of this task
        }
    }

    /**
     * Each punctuation makes Streams commit the task, which under exactly-once is a transaction: an idle
     * service checking an empty store every few milliseconds would keep the broker busy for nothing.
     */
    private void checkDueComments() {
        if (dueCheck == null) {
            dueCheck = context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::decideDue);
        }
    }

    @Override
    public void process(Record<String, CommentSubmitted> record) {
        CommentSubmitted comment = record.value();
        if (comment == null) {
            return; // nothing to judge
        }
        String pendingKey = pendingKey(comment);
        // The in-memory store's count is exact: with nothing waiting (a backlog), no lookup is needed.
        if ((pending.approximateNumEntries() > 0 && pending.get(pendingKey) != null)
                || tracks.contains(comment.commentId(), comment.submittedAt().toEpochMilli())) {
            log.debug("Comment {} was seen before; dropping the redelivery", comment.commentId());
            return;
        }
        long now = context.currentSystemTimeMs();
        String traceparent = Traceparents.traceparent(record.headers());
        if (isDue(comment, now)) {
            decide(comment, now, traceparent);
        } else {
            pending.put(pendingKey, comment);
            if (traceparent != null) {
                pendingTraces.put(pendingKey, traceparent);
            }
            checkDueComments();
        }
    }

    /**
     * Decides the waiting comments whose grace is over, oldest first: a range up to the last due submission
     * time, so the comments still waiting are not even read.
     */
    private void decideDue(long now) {
        List<KeyValue<String, CommentSubmitted>> due = new ArrayList<>();
        String lastDue = timeKey(now - settings.closeGrace().toMillis()) + "/~";
        try (KeyValueIterator<String, CommentSubmitted> waiting = pending.range(null, lastDue)) {
            waiting.forEachRemaining(due::add);
        }
        for (KeyValue<String, CommentSubmitted> entry : due) {
            pending.delete(entry.key);
            decide(entry.value, now, pendingTraces.remove(entry.key));
        }
        if (pending.approximateNumEntries() == 0 && dueCheck != null) {
            dueCheck.cancel();
            dueCheck = null;
        }
    }

    private boolean isDue(CommentSubmitted comment, long now) {
        return comment.submittedAt().toEpochMilli() + settings.closeGrace().toMillis() <= now;
    }

    /** Decides and forwards the decision, in a span continuing {@code traceparent} when it is sampled. */
    private void decide(CommentSubmitted comment, long now, String traceparent) {
        Span span = traces.startChild(traceparent, "moderation judge", Span.Kind.CONSUMER);
        if (span == null) {
            decide(comment, now, traceparent, null);
            return;
        }
        try (Tracer.SpanInScope scope = traces.tracer().withSpan(span)) {
            span.tag("comment.id", comment.commentId().toString());
            decide(comment, now, traces.of(span), span);
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void decide(CommentSubmitted comment, long now, String traceparent, Span span) {
        String articleKey = comment.articleId().toString();
        ArticleState article = articleAsOf(articleKey, comment.submittedAt());
        RuleSet ruleSet = rules.current();
        String authorKey = authorKey(comment.articleId().toString(), comment.author());
        AuthorHistory history = authors.get(authorKey);
        Judged judged = new Judged(comment, article, history);
        Verdict verdict = engine.decide(judged, ruleSet);
        authors.put(authorKey, remember(history, judged, verdict, ruleSet));
        Instant decidedAt = Instant.ofEpochMilli(now);
        CommentModerated decision = new CommentModerated(
                CommentModerated.automaticDecisionId(comment.commentId()),
                comment.commentId(),
                comment.articleId(),
                verdict.decision(),
                verdict.reasons(),
                CommentModerated.RULES,
                ruleSet.version(),
                decidedAt,
                null);
        tracks.put(
                comment.commentId(),
                CommentTrack.submitted(comment.articleId(), comment.submittedAt(), comment.author())
                        .after(decision));
        if (log.isDebugEnabled()) { // the reason codes are a list built for the message
            log.debug(
                    "Comment {} on article {}: {} {}",
                    comment.commentId(),
                    articleKey,
                    verdict.decision(),
                    verdict.reasonCodes());
        }
        if (span != null) {
            span.tag("decision", verdict.decision().name());
        }
        if (traceparent == null) {
            context.forward(new Record<>(articleKey, decision, now));
        } else {
            RecordHeaders headers = new RecordHeaders();
            Traceparents.setTraceparent(headers, traceparent);
            context.forward(new Record<>(articleKey, decision, now, headers));
        }
        metrics.automatic(verdict.decision(), comment.submittedAt().toEpochMilli(), now);
    }

    /**
     * The article as of {@code moment}. When the history has nothing that early (the comment's clock ran a
     * little behind the article's creation, or the moment is older than the history retention) the oldest
     * answer we can give is the current state, still judged at the comment's own time.
     */
    private ArticleState articleAsOf(String articleKey, Instant moment) {
        VersionedRecord<ArticleState> asOf = articles.get(articleKey, moment.toEpochMilli());
        if (asOf != null) {
            return asOf.value();
        }
        VersionedRecord<ArticleState> latest = articles.get(articleKey);
        return latest == null ? null : latest.value();
    }

    /** Author state is per thread: the article's partition holds it (docs/adr/0006-moderation-rules.md). */
    static String authorKey(String articleKey, String author) {
        return articleKey + "/" + TextNormalizer.folded(author);
    }

    /** The history with this comment added and what is older than the rules' longest window dropped. */
    static AuthorHistory remember(AuthorHistory history, Judged judged, Verdict verdict, RuleSet rules) {
        CommentSubmitted comment = judged.comment();
        AuthorHistory before = history == null ? AuthorHistory.none() : history;
        Instant keepAfter = comment.submittedAt().minusSeconds(rules.authorMemorySeconds());
        List<AuthorHistory.Past> recent = new ArrayList<>();
        for (AuthorHistory.Past past : before.recent()) {
            if (past.submittedAt().isAfter(keepAfter)) {
                recent.add(past);
            }
        }
        recent.add(new AuthorHistory.Past(comment.submittedAt(), judged.text().key()));
        if (recent.size() > MAX_REMEMBERED) {
            recent.sort(java.util.Comparator.comparing(AuthorHistory.Past::submittedAt));
            recent = new ArrayList<>(recent.subList(recent.size() - MAX_REMEMBERED, recent.size()));
        }
        return new AuthorHistory(
                recent, before.hasApproved() || verdict.decision() == news.comments.events.Decision.APPROVED);
    }

    /** Sorts by submission time (zero-padded millis), unique by comment id. */
    static String pendingKey(CommentSubmitted comment) {
        return timeKey(comment.submittedAt().toEpochMilli()) + "/" + comment.commentId();
    }

    /** Zero-padded to 20 digits, so keys sort by time (String.format took a tenth of the judge's time). */
    static String timeKey(long epochMillis) {
        String digits = Long.toString(Math.max(0, epochMillis));
        return "0".repeat(20 - digits.length()) + digits;
    }
}
