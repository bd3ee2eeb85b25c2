package news.comments.gateway.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/auth/token}. */
public record TokenRequest(
        @NotBlank @Size(max = 200) String username,
        @NotBlank @Size(max = 200) String password) {

    @Override
    public String toString() {
        return "TokenRequest[username=" + this.username + "]";
    }
}
