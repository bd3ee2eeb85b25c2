package news.comments.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class SettlementTest {

    private static final SendFailure TRANSIENT = SendFailure.of(new NetworkException("broker gone"));
    private static final SendFailure REFUSED = SendFailure.of(new RecordTooLargeException("too large"));

    @Test
    void aDeliveredRowBehindATransientFailureOfItsKeyIsKeptToBeSentAgainAfterIt() {
        var first = row(1, "a", 0);
        var second = row(2, "a", 0);
        var other = row(3, "b", 0);

        var settlement = Settlement.of(List.of(first, second, other), Set.of(2L, 3L), Map.of(1L, TRANSIENT), 5);

        assertThat(settlement.delete()).containsExactly(3L);
        assertThat(settlement.transientFailure()).isTrue();
        assertThat(settlement.refused()).isEmpty();
    }

    @Test
    void aRefusedRowWithAttemptsLeftHoldsItsKeyAndIsNotParked() {
        var refused = row(1, "a", 3);
        var later = row(2, "a", 0);

        var settlement = Settlement.of(List.of(refused, later), Set.of(2L), Map.of(1L, REFUSED), 5);

        assertThat(settlement.delete()).isEmpty();
        assertThat(settlement.refused()).containsOnlyKeys(refused);
        assertThat(settlement.parked()).isEmpty();
        assertThat(settlement.transientFailure()).isFalse();
    }

    @Test
    void aRowParkedOnItsLastAttemptNoLongerHoldsItsKey() {
        var refused = row(1, "a", 4);
        var later = row(2, "a", 0);

        var settlement = Settlement.of(List.of(refused, later), Set.of(2L), Map.of(1L, REFUSED), 5);

        assertThat(settlement.parked()).containsExactly(1L);
        assertThat(settlement.delete()).containsExactly(2L);
    }

    @Test
    void rowsNotSentBehindAnEarlierRowOfTheirKeyStayAndHoldTheKey() {
        var refused = row(1, "a", 0);
        var notSent = row(2, "a", 0);
        var deliveredLater = row(3, "a", 0);

        var settlement = Settlement.of(List.of(refused, notSent, deliveredLater), Set.of(3L), Map.of(1L, REFUSED), 1);

        assertThat(settlement.parked()).containsExactly(1L);
        assertThat(settlement.delete()).isEmpty();
    }

    @Test
    void theSameKeyOnAnotherTopicIsAnotherOrder() {
        var failed = new OutboxRow(1, "topic.one", "a", "T", new byte[0], Timestamp.from(Instant.EPOCH), 0, null);
        var delivered = new OutboxRow(2, "topic.two", "a", "T", new byte[0], Timestamp.from(Instant.EPOCH), 0, null);

        var settlement = Settlement.of(List.of(failed, delivered), Set.of(2L), Map.of(1L, TRANSIENT), 5);

        assertThat(settlement.delete()).containsExactly(2L);
    }

    private static OutboxRow row(long id, String key, int attempts) {
        return new OutboxRow(id, "topic", key, "T", new byte[0], Timestamp.from(Instant.EPOCH), attempts, null);
    }
}
