package news.comments.support.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strict request bodies for every service: unknown properties are refused (a typo or an injected
 * field is an error, not silently dropped) and every string passes {@link SafeTextDeserializer}.
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

    /** Runs after Boot's own customizer, which would otherwise reset the unknown-property default. */
    static final class StrictJsonCustomizer implements JsonMapperBuilderCustomizer, Ordered {

        @Override
        public void customize(tools.jackson.databind.json.JsonMapper.Builder builder) {
            SimpleModule text = new SimpleModule("comments-safe-text");
            text.addDeserializer(String.class, new SafeTextDeserializer());
            builder.addModule(text).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }

        @Override
        public int getOrder() {
            return 10;
        }
    }
}
