package news.comments.support.security;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The endpoints of a service that only a moderator may call. Everything else is open to readers. The
 * gateway checks the same rule; the service checks it again so a call that bypasses the gateway is
 * refused too.
 */
public record ModeratorEndpoints(List<Endpoint> endpoints) {

    public record Endpoint(HttpMethod method, String pattern) {
    }

    public static Endpoint endpoint(HttpMethod method, String pattern) {
        return new Endpoint(method, pattern);
    }

    public static ModeratorEndpoints of(Endpoint... endpoints) {
        return new ModeratorEndpoints(List.of(endpoints));
    }

    public static ModeratorEndpoints none() {
        return new ModeratorEndpoints(List.of());
    }
}
