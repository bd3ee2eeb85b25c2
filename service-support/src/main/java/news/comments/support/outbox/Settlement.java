package news.comments.support.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one batch's answers from Kafka mean for its rows (no I/O, so the order rule is easy to check).
 * Rows are walked in id order; once a row of a key is still to be delivered, later rows of that key stay
 * too, even if Kafka already took them, so they are sent again after it and the newest event of a key is
 * the last one on Kafka. A row that is parked now no longer holds its key.
 *
 * @param delete          rows Kafka acknowledged that nothing earlier of their key waits for
 * @param refused         rows Kafka refused, with their failure; {@code parked} tells which reached max-attempts
 * @param parked          ids of the refused rows that are parked now
 * @param transientFailure whether any row failed for a reason that may pass (the relay backs off)
 */
record Settlement(List<Long> delete, Map<OutboxRow, SendFailure> refused, Set<Long> parked, boolean transientFailure) {

    static Settlement of(List<OutboxRow> rows, Set<Long> delivered, Map<Long, SendFailure> failures, int maxAttempts) {
        Set<String> pendingKeys = new HashSet<>();
        List<Long> delete = new ArrayList<>();
        Map<OutboxRow, SendFailure> refused = new LinkedHashMap<>();
        Set<Long> parked = new HashSet<>();
        boolean transientFailure = false;
        for (OutboxRow row : rows) {
            SendFailure failure = failures.get(row.id());
            if (delivered.contains(row.id())) {
                if (!pendingKeys.contains(row.orderKey())) {
                    delete.add(row.id());
                }
            } else if (failure != null && !failure.retriable()) {
                refused.put(row, failure);
                if (row.attempts() + 1 >= maxAttempts) {
                    parked.add(row.id());
                } else {
                    pendingKeys.add(row.orderKey());
                }
            } else {
                transientFailure |= failure != null;
                pendingKeys.add(row.orderKey()); // failed for now, or not sent behind an earlier row of its key
            }
        }
        return new Settlement(delete, refused, parked, transientFailure);
    }
}
