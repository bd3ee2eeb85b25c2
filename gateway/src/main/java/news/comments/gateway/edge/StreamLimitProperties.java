package news.comments.gateway.edge;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Caps on open comment streams ({@code comments.gateway.streams.*}), per gateway instance.
 *
 * @param perClient open streams one client may hold; one more is 429 problem+json
 * @param total open streams of all clients together; one more is 503 problem+json
 */
@Validated
@ConfigurationProperties("comments.gateway.streams")
public record StreamLimitProperties(
        @Min(1) @DefaultValue("5") int perClient,
        @Min(1) @DefaultValue("2000") int total) {}
