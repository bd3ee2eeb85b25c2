package news.comments.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Caps on open comment streams. */
@Configuration(proxyBeanMethods = false)
public class StreamEdgeConfiguration {

    @Bean
    StreamLimitWebFilter streamLimitWebFilter(
            StreamLimitProperties limits,
            @Value("${comments.gateway.retry-after:5s}") Duration retryAfter,
            ClientAddressResolver clients,
            MeterRegistry meters) {
        return new StreamLimitWebFilter(limits, retryAfter, clients, meters);
    }
}
