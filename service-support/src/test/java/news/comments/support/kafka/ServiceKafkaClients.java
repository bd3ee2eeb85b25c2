package news.comments.support.kafka;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A service's Kafka client factories as Boot and this module build them, for tests that look at their settings. */
final class ServiceKafkaClients {

    private ServiceKafkaClients() {}

    /**
     * Only the client factories are looked at: no broker, so no topics to create at start-up. A context runner
     * is no SpringApplication, so the defaults every service starts with are added here.
     */
    static ApplicationContextRunner context() {
        return new ApplicationContextRunner()
                .withInitializer(
                        context -> new KafkaClientDefaults().postProcessEnvironment(context.getEnvironment(), null))
                .withConfiguration(
                        AutoConfigurations.of(KafkaSupportAutoConfiguration.class, KafkaAutoConfiguration.class))
                .withPropertyValues("spring.kafka.admin.auto-create=false");
    }
}
