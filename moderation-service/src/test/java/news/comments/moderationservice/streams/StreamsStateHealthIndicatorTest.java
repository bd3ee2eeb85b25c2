package news.comments.moderationservice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.contributor.Status;

class StreamsStateHealthIndicatorTest {

    private final List<Object> events = new ArrayList<>();
    private final StreamsStateHealthIndicator health = new StreamsStateHealthIndicator(events::add);

    @Test
    void isDownUntilStreamsIsRunning() {
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        health.onChange(State.REBALANCING, State.CREATED);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        health.onChange(State.RUNNING, State.REBALANCING);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("state", "RUNNING");
    }

    @Test
    void staysUpThroughARebalanceAfterRunning() {
        health.onChange(State.REBALANCING, State.CREATED);
        health.onChange(State.RUNNING, State.REBALANCING);
        health.onChange(State.REBALANCING, State.RUNNING);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void marksTheProcessBrokenWhenStreamsFails() {
        health.onChange(State.RUNNING, State.REBALANCING);
        health.onChange(State.PENDING_ERROR, State.RUNNING);
        health.onChange(State.ERROR, State.PENDING_ERROR);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(events)
                .singleElement()
                .isInstanceOfSatisfying(
                        AvailabilityChangeEvent.class,
                        event -> assertThat(event.getState()).isEqualTo(LivenessState.BROKEN));
    }
}
