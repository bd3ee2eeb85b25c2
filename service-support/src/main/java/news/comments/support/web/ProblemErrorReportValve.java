package news.comments.support.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import news.comments.support.security.ServiceSecurityAutoConfiguration;
import news.comments.web.problem.ProblemException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat answers some requests itself, before Spring MVC sees them (headers over
 * {@code server.max-http-request-header-size}, an unreadable request line): its error report valve
 * wrote an HTML page. This one writes the same problem+json, with the same security headers, as
 * every other error of the services.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemException problem = ProblemException.forStatus(
                status, "The request could not be read: check the request line and the size of its headers.");
        // Written by hand: the titles and the detail have no characters that JSON would escape.
        String body = "{\"type\":\"" + problem.type() + "\",\"title\":\"" + problem.title() + "\",\"status\":" + status
                + ",\"detail\":\"" + problem.detail() + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Content-Security-Policy", ServiceSecurityAutoConfiguration.CONTENT_SECURITY_POLICY);
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ex) {
            // The client is gone or the response is closed: nothing more to say.
        }
    }
}
