package news.comments.gateway.security;

import java.util.Map;

/**
 * The security headers of every answer. Spring Security's header writer adds them to the answers
 * that pass its filter chain; the few answers written before it (the path firewall, requests the
 * HTTP decoder refused) set {@link #ON_EARLY_ERRORS} themselves.
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'";

    public static final Map<String, String> ON_EARLY_ERRORS = Map.of(
            "X-Content-Type-Options",
            "nosniff",
            "X-Frame-Options",
            "DENY",
            "Content-Security-Policy",
            CONTENT_SECURITY_POLICY,
            "Cache-Control",
            "no-store");

    private SecurityHeaders() {}
}
