package news.comments.gateway.routing;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
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
    HttpClientCustomizer connectTimeout(@Value("${comments.gateway.connect-timeout:2s}") Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        return client -> client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis);
    }
}
