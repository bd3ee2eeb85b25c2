package news.comments.support.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem+json, keeping the standard {@code WWW-Authenticate} header of bearer-token auth. */
final class ProblemSecurityHandlers {

    private final JsonMapper json;
    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    ProblemSecurityHandlers(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, exception) -> {
            bearerEntryPoint.commence(request, response, exception);
            write(
                    response,
                    new ProblemException(
                            ProblemType.UNAUTHORIZED,
                            request.getHeader("Authorization") == null
                                    ? "This call needs a moderator's bearer token."
                                    : "The bearer token is not valid."));
        };
    }

    AccessDeniedHandler accessDenied() {
        return (request, response, exception) -> {
            bearerDenied.handle(request, response, exception);
            write(response, new ProblemException(ProblemType.FORBIDDEN, "This call needs the MODERATOR role."));
        };
    }

    private void write(HttpServletResponse response, ProblemException problem) throws IOException {
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem.toProblemDetail());
    }
}
