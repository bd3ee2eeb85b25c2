package news.comments.gateway.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Token issuing settings ({@code comments.auth.*}).
 *
 * @param issuer the {@code iss} claim written and required on every token
 * @param audience the {@code aud} claim written on every token; every accepted token must contain it
 * @param tokenLifetime how long an issued token stays valid
 * @param maxTokenLifetime the longest {@code exp - iat} accepted (at least {@code tokenLifetime})
 * @param clockSkew how far clocks may differ when {@code exp}, {@code nbf} and {@code iat} are checked
 * @param signingKeyLocation PKCS#8 PEM RSA private key; when absent an ephemeral key is made
 * @param moderator the moderator account
 */
@Validated
@ConfigurationProperties("comments.auth")
public record AuthProperties(
        @NotBlank @DefaultValue("comment-moderation") String issuer,
        @NotBlank @DefaultValue("comment-moderation-api") String audience,
        @NotNull @DefaultValue("1h") Duration tokenLifetime,
        @NotNull @DefaultValue("1h") Duration maxTokenLifetime,
        @NotNull @DefaultValue("5s") Duration clockSkew,
        Resource signingKeyLocation,
        @Valid @NotNull @DefaultValue Moderator moderator) {

    /**
     * @param username the moderator's user name
     * @param password plain password, hashed at start-up and then forgotten
     * @param passwordHash a BCrypt hash, for deployments that never hand the gateway the password
     */
    public record Moderator(
            @NotBlank @DefaultValue("moderator") String username, String password, String passwordHash) {

        @Override
        public String toString() {
            return "Moderator[username=" + this.username + "]";
        }
    }
}
