package news.comments.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An error the gateway answers itself; rendered as application/problem+json by
 * {@link ProblemErrorWebExceptionHandler}.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;

    private final String slug;

    private final String title;

    private final HttpHeaders headers = new HttpHeaders();

    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        // An answer, not a fault: no stack trace to fill in for each refused request (a flood of 429s).
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request.", detail);
    }

    public ProblemException withHeader(String name, String value) {
        this.headers.add(name, value);
        return this;
    }

    public ProblemException withProperty(String name, Object value) {
        this.properties.put(name, value);
        return this;
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

    public String detail() {
        return getMessage();
    }

    public HttpHeaders headers() {
        return this.headers;
    }

    public Map<String, Object> properties() {
        return this.properties;
    }
}
