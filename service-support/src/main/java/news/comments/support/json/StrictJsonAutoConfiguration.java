package news.comments.support.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strict request bodies for every service: unknown properties and duplicate keys are refused (a
 * typo or an injected field is an error, not silently dropped or "last one wins"), every string
 * passes {@link SafeTextDeserializer}, and the bytes must be well-formed UTF-8
 * ({@link StrictUtf8RequestFilter}).
 * Applied to Boot's JsonMapper, which reads all request bodies. Off with
 * {@code comments.json.strict=false}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnProperty(name = "comments.json.strict", havingValue = "true", matchIfMissing = true)
public class StrictJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJsonMapperCustomizer() {
        return new StrictJsonCustomizer();
    }

    /** Ahead of everything that could read the body. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<StrictUtf8RequestFilter> strictUtf8RequestFilter() {
        FilterRegistrationBean<StrictUtf8RequestFilter> registration =
                new FilterRegistrationBean<>(new StrictUtf8RequestFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Runs after Boot's own customizer, which would otherwise reset the unknown-property default. */
    static final class StrictJsonCustomizer implements JsonMapperBuilderCustomizer, Ordered {

        @Override
        public void customize(tools.jackson.databind.json.JsonMapper.Builder builder) {
            SimpleModule text = new SimpleModule("comments-safe-text");
            text.addDeserializer(String.class, new SafeTextDeserializer());
            builder.addModule(text)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        }

        @Override
        public int getOrder() {
            return 10;
        }
    }
}
