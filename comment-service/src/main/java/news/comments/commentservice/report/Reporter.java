package news.comments.commentservice.report;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who made a report: the signed-in reader (the token's subject) when there is one, else the client
 * address. The gateway puts the address it resolved (trusted proxies applied) in {@link #CLIENT_HEADER},
 * always overwriting what a client sent; without that header (a call that did not come through the
 * gateway) the TCP peer is the client.
 */
record Reporter(String kind, String value) {

    /** Set by the gateway only; see README, "Security model". */
    static final String CLIENT_HEADER = "X-Comments-Client";

    /** Longer than any IP literal; anything longer is cut, it is only ever hashed. */
    private static final int MAX_ADDRESS = 100;

    static Reporter of(HttpServletRequest request, Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt
                && jwt.getToken().getSubject() != null) {
            return new Reporter("sub", jwt.getToken().getSubject());
        }
        String forwarded = request.getHeader(CLIENT_HEADER);
        String address = forwarded == null || forwarded.isBlank() ? request.getRemoteAddr() : forwarded.trim();
        return new Reporter("addr", address.length() > MAX_ADDRESS ? address.substring(0, MAX_ADDRESS) : address);
    }

    String canonical() {
        return kind + ":" + value;
    }
}
