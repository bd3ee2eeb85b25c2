package news.comments.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What the gateway measures per request. Per-request timers and observations cost more CPU than
 * the proxying itself (each one a timer and an active-task timer looked up by tags, started and
 * stopped): the server's {@code http.server.requests}, Spring Security's filter-chain,
 * authentication and authorization observations and Spring Cloud Gateway's route timers and client
 * observations (the last two off in application.yml). Counted instead, for next to nothing: every
 * answer by status ({@code comments_gateway_responses_total}), the gateway's own problem answers
 * by type ({@code comments_gateway_problems_total}: 429 rate limits, 503 busy or unavailable, 504,
 * 413...). Circuit breaker and bulkhead states (Resilience4j) and the open streams gauge stay.
 * Latency per route is the services' own {@code http_server_requests}.
 * {@code comments.gateway.request-observations=true} brings the standard observations back.
 */
@Configuration(proxyBeanMethods = false)
public class RequestMetricsConfiguration {

    @Bean
    ResponseStatusCounter responseStatusCounter(MeterRegistry meters) {
        return new ResponseStatusCounter(meters);
    }

    @Bean
    ResponseStatusCounterInstaller responseStatusCounterInstaller(ResponseStatusCounter counter) {
        return new ResponseStatusCounterInstaller(counter);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "comments.gateway.request-observations", havingValue = "false", matchIfMissing = true)
    static class NoRequestObservations {

        @Bean
        WebHttpHandlerBuilderCustomizer noServerRequestObservation() {
            return builder -> builder.observationRegistry(ObservationRegistry.NOOP);
        }

        @Bean
        SecurityObservationSettings noSecurityObservations() {
            return SecurityObservationSettings.noObservations();
        }
    }
}
