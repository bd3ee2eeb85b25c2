package news.comments.gateway.auth;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Token issuing settings ({@code comments.auth.*}).
 *
 * @param issuer the {@code iss} claim written and required on every token
 * @param tokenLifetime how long an issued token stays valid
 * @param signingKeyLocation PKCS#8 PEM RSA private key; when absent an ephemeral key is made
 * @param moderator the moderator account
 */
@Validated
@ConfigurationProperties("comments.auth")
public record AuthProperties(@NotBlank @DefaultValue("comment-moderation") String issuer,
		@NotNull @DefaultValue("1h") Duration tokenLifetime, Resource signingKeyLocation,
		@Valid @NotNull @DefaultValue Moderator moderator) {

	/**
	 * @param username the moderator's user name
	 * @param password plain password, hashed at start-up and then forgotten
	 * @param passwordHash a BCrypt hash, for deployments that never hand the gateway the password
	 */
	public record Moderator(@NotBlank @DefaultValue("moderator") String username, String password,
			String passwordHash) {

		@Override
		public String toString() {
			return "Moderator[username=" + this.username + "]";
		}

	}

}
