package news.comments.gateway.auth;

import jakarta.validation.Valid;
import java.util.List;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import news.comments.web.security.Roles;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /api/auth/token}: exchanges moderator credentials for a signed access token. */
@RestController
public class TokenController {

    static final List<String> MODERATOR_ROLES = List.of(Roles.MODERATOR);

    private final ModeratorCredentials credentials;

    private final TokenIssuer issuer;

    public TokenController(ModeratorCredentials credentials, TokenIssuer issuer) {
        this.credentials = credentials;
        this.issuer = issuer;
    }

    @PostMapping(
            path = "/api/auth/token",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<TokenResponse>> token(@Valid @RequestBody TokenRequest request) {
        // BCrypt is slow on purpose: keep it off the event loop.
        return Mono.fromCallable(() -> this.credentials.authenticate(request.username(), request.password()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(user -> user.orElseThrow(TokenController::invalidCredentials))
                .map(user -> this.issuer.issue(user, MODERATOR_ROLES))
                .map(token -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(TokenResponse.bearer(token.value(), token.expiresInSeconds())));
    }

    private static ProblemException invalidCredentials() {
        // Same answer for an unknown user and a wrong password.
        return new ProblemException(ProblemType.INVALID_CREDENTIALS, "The user name or password is wrong.")
                .withHeader("WWW-Authenticate", "Bearer");
    }
}
