package news.comments.support.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import news.comments.support.tracing.Traceparents;
import news.comments.support.tracing.TracingSupportAutoConfiguration;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The transactional outbox, for every service that has a database. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
        },
        after = TracingSupportAutoConfiguration.class)
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    static final String MIGRATIONS = "classpath:db/outbox";

    @Bean
    OutboxRelay outboxRelay(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            KafkaProperties kafkaProperties,
            OutboxProperties properties,
            OutboxMetrics outboxMetrics,
            Traceparents traces) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // Bounds every send by comments.outbox.send-timeout, which the relay's wait for acks relies on.
        config.putAll(OutboxRelay.producerTimeouts(properties));
        var producerFactory =
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        producerFactory.setPhysicalCloseTimeout(5);
        return new OutboxRelay(
                JdbcClient.create(dataSource),
                new TransactionTemplate(transactionManager),
                new KafkaTemplate<>(producerFactory),
                properties,
                outboxMetrics,
                traces);
    }

    @Bean
    OutboxMetrics outboxMetrics(DataSource dataSource, OutboxProperties properties, MeterRegistry meters) {
        return new OutboxMetrics(JdbcClient.create(dataSource), meters, properties.metricsInterval());
    }

    @Bean
    Outbox outbox(DataSource dataSource, OutboxRelay relay, Traceparents traces) {
        return new Outbox(JdbcClient.create(dataSource), relay, traces);
    }

    /**
     * Adds the outbox table's migrations to the service's own. They are numbered 0.x, below the service's,
     * so an outbox migration added later is older than what a service's database already has: out-of-order
     * lets Flyway apply it there instead of refusing to start (the two lines of migrations touch different
     * tables, so their relative order does not matter).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(FlywayConfigurationCustomizer.class)
    static class OutboxMigrations {

        @Bean
        FlywayConfigurationCustomizer outboxMigrationLocation() {
            return configuration -> {
                List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
                Location outbox = new Location(MIGRATIONS);
                if (locations.stream().noneMatch(l -> l.getDescriptor().equals(outbox.getDescriptor()))) {
                    locations.add(outbox);
                }
                configuration.locations(locations.toArray(Location[]::new));
                configuration.outOfOrder(true);
            };
        }
    }
}
