package news.comments.support.json;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies must be well-formed UTF-8 (RFC 8259): every body is read through
 * {@link StrictUtf8InputStream}, so an ill-formed one fails to parse and is answered 400 like any
 * unreadable body, before anything is stored.
 */
public class StrictUtf8RequestFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(
                new HttpServletRequestWrapper(request) {

                    private ServletInputStream checked;

                    @Override
                    public ServletInputStream getInputStream() throws IOException {
                        if (checked == null) {
                            checked = new CheckedServletInputStream(super.getInputStream());
                        }
                        return checked;
                    }
                },
                response);
    }

    private static final class CheckedServletInputStream extends ServletInputStream {

        private final ServletInputStream raw;

        private final InputStream checked;

        CheckedServletInputStream(ServletInputStream raw) {
            this.raw = raw;
            this.checked = new StrictUtf8InputStream(raw);
        }

        @Override
        public int read() throws IOException {
            return checked.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return checked.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return raw.isFinished();
        }

        @Override
        public boolean isReady() {
            return raw.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            raw.setReadListener(listener);
        }
    }
}
