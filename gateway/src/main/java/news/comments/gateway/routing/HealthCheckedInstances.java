package news.comments.gateway.routing;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The instances of a balanced service that answered their last health check
 * ({@code spring.cloud.loadbalancer.health-check.*} in application.yml: the readiness probe, every
 * second), or all of them when none passed ({@link EveryInstanceWhenNoneHealthy}). Only in each service's own load-balancer context, never a bean of the application's: so it
 * is not annotated, and component scanning leaves it alone.
 *
 * <p>Set up here rather than with Spring Cloud's {@code configurations: health-check}, which needs a
 * {@code WebClient.Builder} bean this gateway does not otherwise have.
 */
class HealthCheckedInstances {

    @Bean
    ServiceInstanceListSupplier instancesThatPassedTheirCheck(ConfigurableApplicationContext context) {
        // A small client of its own: a health check never waits behind the routes' connection pool, and a
        // hung instance fails its check within a second.
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 500)
                .responseTimeout(Duration.ofSeconds(1));
        WebClient checks = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(client))
                .build();
        ServiceInstanceListSupplier every =
                ServiceInstanceListSupplier.builder().withDiscoveryClient().build(context);
        ServiceInstanceListSupplier healthy = ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withHealthChecks(checks)
                .build(context);
        return new EveryInstanceWhenNoneHealthy(healthy, every);
    }
}
