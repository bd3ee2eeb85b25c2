package news.comments.moderationservice.streams;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import news.comments.moderationservice.moderation.DecisionMetrics;
import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.moderation.ModerationTopology;
import news.comments.moderationservice.rules.RuleSetSource;
import news.comments.moderationservice.rules.RulesEngine;
import news.comments.moderationservice.ruleset.RuleVersions;
import news.comments.moderationservice.ruleset.RulesTopology;
import news.comments.support.tracing.Traceparents;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;

/**
 * The Kafka Streams application: the moderation and rules topologies, poison pills parked on {@code <topic>.DLT},
 * and its state reported to health.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class KafkaStreamsConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaStreamsConfig.class);

    /** Adds the moderation topology to the application's one StreamsBuilder. */
    @Bean
    ModerationTopologyRegistration moderationTopology(
            StreamsBuilder streamsBuilder,
            ModerationSettings settings,
            RulesEngine engine,
            RuleSetSource rules,
            MeterRegistry meters,
            Traceparents traces) {
        ModerationTopology.addTo(streamsBuilder, settings, engine, rules, new DecisionMetrics(meters), traces);
        return new ModerationTopologyRegistration(settings);
    }

    /** Adds the rule set versions (global store and proposals) to the same StreamsBuilder. */
    @Bean
    RulesTopologyRegistration rulesTopology(StreamsBuilder streamsBuilder, RuleVersions versions) {
        RulesTopology.addTo(streamsBuilder, versions);
        return new RulesTopologyRegistration();
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer moderationStreamsConfigurer(
            @Qualifier("deadLetterPublishingRecoverer") DeadLetterPublishingRecoverer deadLetters,
            StreamsStateHealthIndicator health) {
        return factoryBean -> {
            // A record that cannot be deserialized goes to <topic>.DLT and the partition moves on; Kafka Streams
            // applies this handler on the global thread too (the rules topic). Kafka 4 renamed the setting to
            // deserialization.exception.handler; the recoverer goes in as an object.
            Properties config = factoryBean.getStreamsConfiguration();
            config.put(
                    StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    RecoveringDeserializationExceptionHandler.class);
            config.put(RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER, deadLetters);
            factoryBean.setStreamsConfiguration(config);
            factoryBean.setStateListener(health);
            // A failed stream thread is replaced; its uncommitted work is redone (exactly once) by the new one.
            factoryBean.setStreamsUncaughtExceptionHandler(exception -> {
                log.error("Kafka Streams thread failed; replacing it", exception);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        };
    }

    /** The topology is added to the builder as a side effect; this bean records that it was, and with what timing. */
    public record ModerationTopologyRegistration(ModerationSettings settings) {}

    /** Likewise for the rules topology. */
    public record RulesTopologyRegistration() {}
}
