package news.comments.commentservice.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import news.comments.commentservice.comment.CommentStatus;
import news.comments.commentservice.comment.ThreadTotals;
import news.comments.commentservice.common.Timestamps;
import news.comments.events.CommentModerated;
import news.comments.events.CommentStatusChanged;
import news.comments.events.Decision;
import news.comments.events.Topics;
import news.comments.support.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lands moderation decisions: records each in the history once, and lets it set the comment's status
 * when it should. The automatic decision counts only while the comment is PENDING (a moderator who
 * decided first wins), except a report-triggered HELD, which hides an APPROVED comment when it is newer than
 * the decision applied; a moderator's decision counts when it is newer than the one applied. Each change
 * of a comment's status adds one to its status_version and writes one {@code CommentStatusChanged}.
 *
 * <p>Decisions land together, a few statements for the lot, in one transaction. Decisions on different
 * comments do not touch each other, so only the order per comment matters: the k-th decision of every
 * comment in the list lands in round k, which gives the same result as landing the list one by one.
 */
@Service
public class DecisionLanding {

    private static final Logger log = LoggerFactory.getLogger(DecisionLanding.class);

    public enum Outcome {
        APPLIED,
        RECORDED_ONLY,
        REPLAYED,
        UNKNOWN_COMMENT
    }

    private final DecisionRepository decisions;
    private final Outbox outbox;
    private final ThreadTotals threadTotals;
    private final Clock clock;

    DecisionLanding(DecisionRepository decisions, Outbox outbox, ThreadTotals threadTotals, Clock clock) {
        this.decisions = decisions;
        this.outbox = outbox;
        this.threadTotals = threadTotals;
        this.clock = clock;
    }

    /**
     * Lands the decisions, each with the trace its status change continues: {@code traceparents} holds, in the
     * same order, the {@code traceparent} of each decision's landing (null for none).
     *
     * @return the outcome of each decision, in the order given
     */
    @Transactional
    public List<Outcome> land(List<CommentModerated> list, List<String> traceparents) {
        Outcome[] outcomes = new Outcome[list.size()];
        for (List<Integer> round : rounds(list)) {
            landRound(list, traceparents, round, outcomes);
        }
        return Arrays.asList(outcomes);
    }

    /** Positions in the list, split so that no comment appears twice in a round, in list order per comment. */
    private static List<List<Integer>> rounds(List<CommentModerated> list) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<UUID, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            int round = seen.merge(list.get(i).commentId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }

    /** Lands decisions on distinct comments. */
    private void landRound(
            List<CommentModerated> list, List<String> traceparents, List<Integer> round, Outcome[] outcomes) {
        List<CommentModerated> batch = round.stream().map(list::get).toList();
        Map<UUID, DecisionRepository.Locked> before = decisions.lockComments(
                batch.stream().map(CommentModerated::commentId).toList());

        List<CommentModerated> known = new ArrayList<>(batch.size());
        for (CommentModerated decision : batch) {
            DecisionRepository.Locked comment = before.get(decision.commentId());
            if (comment != null && comment.articleId().equals(decision.articleId())) {
                known.add(decision);
            } else {
                // Comments are committed before their submission event leaves, so this is not a race to wait out.
                // A decision naming another article (a moderator's request carries the article) is as unknown.
                before.remove(decision.commentId());
                log.warn(
                        "decision {} is for unknown comment {} on article {}; skipped",
                        decision.decisionId(),
                        decision.commentId(),
                        decision.articleId());
            }
        }
        Set<DecisionRepository.Recorded> recorded = known.isEmpty() ? Set.of() : decisions.recordNew(known);
        List<CommentModerated> fresh = known.stream()
                .filter(d -> recorded.contains(DecisionRepository.Recorded.of(d)))
                .toList();
        Map<UUID, Long> applied = fresh.isEmpty() ? Map.of() : decisions.applyWhereDue(fresh);

        List<CommentStatusChanged> changes = new ArrayList<>();
        List<String> changeTraceparents = new ArrayList<>();
        Instant changedAt = Timestamps.truncate(clock.instant());
        for (int k = 0; k < batch.size(); k++) {
            CommentModerated decision = batch.get(k);
            DecisionRepository.Locked was = before.get(decision.commentId());
            Outcome outcome;
            if (was == null) {
                outcome = Outcome.UNKNOWN_COMMENT;
            } else if (!recorded.contains(DecisionRepository.Recorded.of(decision))) {
                outcome = Outcome.REPLAYED;
            } else if (applied.containsKey(decision.commentId())) {
                outcome = Outcome.APPLIED;
                if (CommentStatus.of(decision.decision()) != was.status()) {
                    changes.add(statusChange(decision, was, applied.get(decision.commentId()), changedAt));
                    changeTraceparents.add(traceparents.get(round.get(k)));
                }
            } else {
                outcome = Outcome.RECORDED_ONLY;
            }
            log.debug(
                    "comment {} decision {} ({}) by {}: {}",
                    decision.commentId(),
                    decision.decisionId(),
                    decision.decision(),
                    decision.decidedBy(),
                    outcome);
            outcomes[round.get(k)] = outcome;
        }
        outbox.publishAll(Topics.COMMENT_STATUS, changes, changeTraceparents);
        forgetTotalsAfterCommit(changes);
    }

    /** A thread whose approved comments changed counts afresh, once the change is visible to its readers. */
    private void forgetTotalsAfterCommit(List<CommentStatusChanged> changes) {
        Set<UUID> threads = new HashSet<>();
        for (CommentStatusChanged change : changes) {
            if (change.status() == Decision.APPROVED || change.previousStatus() == Decision.APPROVED) {
                threads.add(change.articleId());
            }
        }
        if (!threads.isEmpty()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    threadTotals.forget(threads);
                }
            });
        }
    }

    private static CommentStatusChanged statusChange(
            CommentModerated decision, DecisionRepository.Locked before, long version, Instant changedAt) {
        Decision previous = before.status() == CommentStatus.PENDING
                ? null
                : Decision.valueOf(before.status().name());
        return new CommentStatusChanged(
                decision.commentId(), before.articleId(), decision.decision(), previous, version, changedAt);
    }
}
