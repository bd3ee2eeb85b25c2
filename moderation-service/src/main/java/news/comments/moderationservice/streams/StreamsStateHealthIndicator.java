package news.comments.moderationservice.streams;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Health of the Kafka Streams app, named {@code kafkaStreams} and part of the readiness group: DOWN until
 * the app has reached RUNNING (state restored, partitions assigned), UP while it runs or rebalances after
 * that. A Streams app that goes to ERROR marks the process as broken, so liveness fails and it is restarted.
 */
@Component("kafkaStreams")
public class StreamsStateHealthIndicator implements HealthIndicator, KafkaStreams.StateListener {

    private static final Logger log = LoggerFactory.getLogger(StreamsStateHealthIndicator.class);

    private final ApplicationEventPublisher events;
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>();
    private final AtomicBoolean reachedRunning = new AtomicBoolean();

    public StreamsStateHealthIndicator(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        log.info("Kafka Streams state {} -> {}", oldState, newState);
        state.set(newState);
        if (newState == KafkaStreams.State.RUNNING) {
            reachedRunning.set(true);
        }
        if (newState == KafkaStreams.State.ERROR) {
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        }
    }

    @Override
    public Health health() {
        KafkaStreams.State current = state.get();
        boolean up = current == KafkaStreams.State.RUNNING
                || (current == KafkaStreams.State.REBALANCING && reachedRunning.get());
        Health.Builder builder = up ? Health.up() : Health.down();
        return builder.withDetail("state", current == null ? "NOT_STARTED" : current.name())
                .build();
    }
}
