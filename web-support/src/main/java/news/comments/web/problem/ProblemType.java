package news.comments.web.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Every problem type the API answers with, gateway and services alike: its slug ({@code type} is
 * {@code /problems/<slug>}), its status and its one title. The title is a short sentence ending in a
 * period, whichever hop answers; clients branch on the type, the title is for people.
 */
public enum ProblemType {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request.", Use.FOR_ITS_STATUS),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized.", Use.FOR_ITS_STATUS),
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden.", Use.FOR_ITS_STATUS),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found.", Use.FOR_ITS_STATUS),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed.", Use.FOR_ITS_STATUS),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable.", Use.FOR_ITS_STATUS),
    COMMENTS_CLOSED(HttpStatus.CONFLICT, "comments-closed", "Comments are closed."),
    STALE_RULES_VERSION(HttpStatus.CONFLICT, "stale-rules-version", "The rule set has changed."),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large.", Use.FOR_ITS_STATUS),
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "uri-too-long", "URI too long.", Use.FOR_ITS_STATUS),
    UNSUPPORTED_MEDIA_TYPE(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type.", Use.FOR_ITS_STATUS),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused."),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests.", Use.FOR_ITS_STATUS),
    REQUEST_HEADER_FIELDS_TOO_LARGE(
            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "request-header-fields-too-large",
            "Request header fields too large.",
            Use.FOR_ITS_STATUS),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error.", Use.FOR_ITS_STATUS),
    SERVICE_UNAVAILABLE(
            HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable.", Use.FOR_ITS_STATUS),
    SERVICE_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "service-busy", "Service busy."),
    KAFKA_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", "The change cannot be published right now."),
    NOT_READY(HttpStatus.SERVICE_UNAVAILABLE, "not-ready", "Moderation is starting."),
    RULES_NOT_CONFIRMED(
            HttpStatus.SERVICE_UNAVAILABLE, "rules-not-confirmed", "The rule set change is not confirmed yet."),
    GATEWAY_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Gateway timeout.", Use.FOR_ITS_STATUS);

    /** Slugs of statuses without a type here begin with this, e.g. {@code http-409}. */
    public static final String BARE_STATUS_PREFIX = "http-";

    /** Whether a bare status (an error of the framework or the server) is answered with this type. */
    private enum Use {
        FOR_ITS_STATUS,
        ONLY_BY_NAME
    }

    private final HttpStatus status;

    private final String slug;

    private final String title;

    private final Use use;

    ProblemType(HttpStatus status, String slug, String title) {
        this(status, slug, title, Use.ONLY_BY_NAME);
    }

    ProblemType(HttpStatus status, String slug, String title, Use use) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.use = use;
    }

    public HttpStatus status() {
        return this.status;
    }

    public String slug() {
        return this.slug;
    }

    public String title() {
        return this.title;
    }

    /** The {@code type} member of the problem: relative, {@code /problems/<slug>}. */
    public URI uri() {
        return uriOf(this.slug);
    }

    /** The type that answers a bare {@code status}, if the catalogue has one for it. */
    public static Optional<ProblemType> forStatus(int status) {
        return Arrays.stream(values())
                .filter(type -> type.answersBareStatus() && type.status.value() == status)
                .findFirst();
    }

    boolean answersBareStatus() {
        return this.use == Use.FOR_ITS_STATUS;
    }

    static URI uriOf(String slug) {
        return URI.create("/problems/" + slug);
    }
}
