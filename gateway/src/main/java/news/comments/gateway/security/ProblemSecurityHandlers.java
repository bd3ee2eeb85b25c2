package news.comments.gateway.security;

import news.comments.gateway.problem.ProblemWriter;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as problem+json; 401 carries a Bearer challenge (RFC 6750). */
@Component
public class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemWriter writer;

    public ProblemSecurityHandlers(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean badToken = ex instanceof OAuth2AuthenticationException;
        String challenge = badToken
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired.\""
                : "Bearer";
        String detail = badToken
                ? "The access token is invalid or expired."
                : "This call needs a moderator's access token (Authorization: Bearer ...).";
        return this.writer.write(
                exchange,
                new ProblemException(ProblemType.UNAUTHORIZED, detail)
                        .withHeader(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return this.writer.write(
                exchange, new ProblemException(ProblemType.FORBIDDEN, "This call needs the MODERATOR role."));
    }
}
