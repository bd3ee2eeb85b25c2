package news.comments.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Caps on open comment streams. */
@Configuration(proxyBeanMethods = false)
public class StreamEdgeConfiguration {

    @Bean
    StreamLimitWebFilter streamLimitWebFilter(
            StreamLimitProperties limits, EdgeProperties edge, ClientAddressResolver clients, MeterRegistry meters) {
        return new StreamLimitWebFilter(limits, edge.retryAfter(), clients, meters);
    }
}
