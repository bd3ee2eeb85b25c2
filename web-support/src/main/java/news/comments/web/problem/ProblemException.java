package news.comments.web.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * An error answered as an RFC 9457 problem: {@code type} {@code /problems/<slug>}, {@code title},
 * {@code status} and {@code detail}, with headers and extra members if need be. Slug and title come
 * from {@link ProblemType}; the gateway and the services each render it their own way.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatusCode status;

    private final String slug;

    private final String title;

    private final HttpHeaders headers = new HttpHeaders();

    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        this(type.status(), type.slug(), type.title(), detail);
    }

    private ProblemException(HttpStatusCode status, String slug, String title, String detail) {
        // An answer, not a fault: no stack trace to fill in for each refused request (a flood of 429s).
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /**
     * The problem for a bare status: the catalogue's type for it, else {@code /problems/http-<status>}
     * titled "Error <status>.".
     */
    public static ProblemException forStatus(int status, String detail) {
        return ProblemType.forStatus(status)
                .map(type -> new ProblemException(type, detail))
                .orElseGet(() -> new ProblemException(
                        HttpStatusCode.valueOf(status),
                        ProblemType.BARE_STATUS_PREFIX + status,
                        "Error " + status + ".",
                        detail));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public ProblemException withHeader(String name, String value) {
        this.headers.add(name, value);
        return this;
    }

    public ProblemException withProperty(String name, Object value) {
        this.properties.put(name, value);
        return this;
    }

    public HttpStatusCode status() {
        return this.status;
    }

    public String slug() {
        return this.slug;
    }

    /** {@code /problems/<slug>} */
    public URI type() {
        return ProblemType.uriOf(this.slug);
    }

    public String title() {
        return this.title;
    }

    public String detail() {
        return getMessage();
    }

    public HttpHeaders headers() {
        return this.headers;
    }

    /** Members beyond the standard ones, e.g. {@code errors}. */
    public Map<String, Object> properties() {
        return this.properties;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, detail());
        problem.setType(type());
        problem.setTitle(this.title);
        this.properties.forEach(problem::setProperty);
        return problem;
    }
}
