package news.comments.gateway;

import static news.comments.gateway.GatewayIntegrationTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web pages are the gateway's own: served at their clean URLs without any service behind it,
 * under the same Content-Security-Policy as the API, and loading nothing from outside the gateway.
 * (What the pages do in a browser is WebUiSystemTest's job.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebUiPagesTest {

    private static final Pattern ASSET_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayIntegrationTest.routeEveryServiceToAClosedPort(registry);
    }

    @LocalServerPort
    int port;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        this.http = new GatewayHttp(this.port);
    }

    @Test
    void eachPageIsServedAtItsCleanUrlAsHtmlThatIsAlwaysRevalidated() {
        Map<String, String> titles = Map.of(
                "/",
                "<title>Articles",
                "/articles/" + UUID.randomUUID(),
                "<title>Article",
                "/moderation",
                "<title>Moderation");
        titles.forEach((path, title) -> {
            HttpResponse<String> page = this.http.get(path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
            assertThat(page.body()).as(path).contains(title);
        });
    }

    @Test
    void pagesRunUnderTheStrictPolicyWithNoInlineScriptAndNothingFromOutside() {
        for (String path : List.of("/", "/articles/" + UUID.randomUUID(), "/moderation")) {
            HttpResponse<String> page = this.http.get(path, null);
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp ->
                            assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
            assertThat(page.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(page.body())
                    .as("inline script on " + path)
                    .doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
            assertThat(page.body())
                    .as("inline style on " + path)
                    .doesNotContain("<style")
                    .doesNotContain(" style=\"");
            Matcher references = ASSET_REFERENCE.matcher(page.body());
            int count = 0;
            while (references.find()) {
                String reference = references.group(1);
                // Same-origin paths and in-page anchors (the skip link) only: no scheme, no "//host".
                assertThat(reference).as("reference on " + path).matches("(/(?!/)|#).*");
                if (reference.startsWith("/assets/")) {
                    assertThat(this.http.get(reference, null).statusCode())
                            .as(reference)
                            .isEqualTo(200);
                }
                count++;
            }
            assertThat(count).as("assets referenced by " + path).isPositive();
        }
    }

    @Test
    void anArticlePageForSomethingThatIsNotAnArticleIdIs404Problem() {
        assertProblem(this.http.get("/articles/not-an-id", null), 404, "/problems/not-found");
    }
}
