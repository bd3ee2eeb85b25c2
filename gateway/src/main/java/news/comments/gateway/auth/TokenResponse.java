package news.comments.gateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OAuth2-style token answer (RFC 6749 section 5.1 field names). */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    public static TokenResponse bearer(String token, long expiresIn) {
        return new TokenResponse(token, "Bearer", expiresIn);
    }
}
