package news.comments.support.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on a service. Deny by default: a moderator path needs the MODERATOR role whatever the
 * method (HEAD and OPTIONS included), a reader endpoint is open to everyone (a GET also admits HEAD), and
 * anything not listed needs the MODERATOR role too, so an endpoint added without a rule is closed, not open.
 * The gateway checks the same rule; the service checks it again so a call that bypasses the gateway is
 * refused too.
 *
 * @param moderatorPaths  path patterns only a moderator may call, with any method
 * @param readerEndpoints method and path pattern pairs open to everyone
 */
public record AccessRules(List<String> moderatorPaths, List<ReaderEndpoint> readerEndpoints) {

    public record ReaderEndpoint(HttpMethod method, String pattern) {}

    public AccessRules {
        moderatorPaths = List.copyOf(moderatorPaths);
        readerEndpoints = List.copyOf(readerEndpoints);
    }

    public static AccessRules moderatorOnly(String... patterns) {
        return new AccessRules(List.of(patterns), List.of());
    }

    /** These rules plus {@code method} on {@code patterns} open to everyone. */
    public AccessRules readers(HttpMethod method, String... patterns) {
        List<ReaderEndpoint> all = new ArrayList<>(readerEndpoints);
        for (String pattern : patterns) {
            all.add(new ReaderEndpoint(method, pattern));
        }
        return new AccessRules(moderatorPaths, all);
    }
}
