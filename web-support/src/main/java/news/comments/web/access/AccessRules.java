package news.comments.web.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;

/**
 * Who may call what. Deny by default: a moderator path needs the MODERATOR role whatever the method (HEAD
 * and OPTIONS included), a reader endpoint is open to everyone, and anything not listed needs the
 * MODERATOR role too, so an endpoint added without a rule is closed, not open. Whoever applies the rules
 * puts the moderator paths first, so no reader endpoint can open them.
 *
 * @param moderatorPaths  path patterns only a moderator may call, with any method
 * @param readerEndpoints method and path pattern pairs open to everyone
 */
public record AccessRules(List<String> moderatorPaths, List<ReaderEndpoint> readerEndpoints) {

    public record ReaderEndpoint(HttpMethod method, String pattern) {}

    public AccessRules {
        moderatorPaths = List.copyOf(new LinkedHashSet<>(moderatorPaths));
        readerEndpoints = List.copyOf(new LinkedHashSet<>(readerEndpoints));
    }

    public static AccessRules moderatorOnly(String... patterns) {
        return new AccessRules(List.of(patterns), List.of());
    }

    /**
     * These rules plus {@code method} on {@code patterns} open to everyone. A GET also opens HEAD, which
     * both Spring MVC and WebFlux answer with the GET handler.
     */
    public AccessRules readers(HttpMethod method, String... patterns) {
        List<ReaderEndpoint> all = new ArrayList<>(this.readerEndpoints);
        for (String pattern : patterns) {
            all.add(new ReaderEndpoint(method, pattern));
            if (HttpMethod.GET.equals(method)) {
                all.add(new ReaderEndpoint(HttpMethod.HEAD, pattern));
            }
        }
        return new AccessRules(this.moderatorPaths, all);
    }

    /** Both rule sets in one; a path or endpoint listed in both is there once. */
    public AccessRules and(AccessRules other) {
        return new AccessRules(
                Stream.concat(this.moderatorPaths.stream(), other.moderatorPaths.stream())
                        .toList(),
                Stream.concat(this.readerEndpoints.stream(), other.readerEndpoints.stream())
                        .toList());
    }
}
