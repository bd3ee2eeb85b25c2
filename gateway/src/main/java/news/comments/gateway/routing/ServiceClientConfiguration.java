package news.comments.gateway.routing;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import news.comments.gateway.edge.EdgeProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client the routes call the services with. The connect timeout is set here, once:
 * Spring Cloud Gateway's own {@code httpclient.connect-timeout} is applied per request and copies
 * the client's configuration for every proxied call.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceClientConfiguration {

    @Bean
    HttpClientCustomizer connectTimeout(EdgeProperties edge) {
        Duration timeout = edge.connectTimeout();
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        return client -> client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis);
    }
}
