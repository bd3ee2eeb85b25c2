package news.comments.gateway.edge;

import news.comments.gateway.problem.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Rate limits, body size limit, and the problem answers of the firewall and the HTTP decoder. */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

    @Bean
    ClientAddressResolver clientAddressResolver(EdgeProperties properties) {
        return new ClientAddressResolver(properties.trustedProxies());
    }

    @Bean
    RateLimitWebFilter rateLimitWebFilter(EdgeProperties properties, ClientAddressResolver clients) {
        return new RateLimitWebFilter(properties.rateLimit(), clients);
    }

    @Bean
    BodySizeLimitWebFilter bodySizeLimitWebFilter(EdgeProperties properties) {
        return new BodySizeLimitWebFilter(properties.maxBodySize(), properties.maxArticleBodySize());
    }

    @Bean
    HttpDecoderCustomizer httpDecoderCustomizer(JsonMapper json) {
        return new HttpDecoderCustomizer(json);
    }

    @Bean
    FirewallProblemHandler firewallProblemHandler(ProblemWriter writer) {
        return new FirewallProblemHandler(writer);
    }
}
