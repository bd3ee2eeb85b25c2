package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.comments.testsupport.contract.OpenApiContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.http.server.PathContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The gateway publishes the contract (docs/openapi.yaml) where clients look for it, and routes every
 * documented operation that a service answers: a documented path no route leads to fails here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiContractPagesTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final Pattern ASSET_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
    // Answered by the gateway itself, not routed to a service.
    private static final List<String> GATEWAY_OWN = List.of("/api/auth/token", "/.well-known/jwks.json");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayIntegrationTest.routeEveryServiceToAClosedPort(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    RouteDefinitionLocator routes;

    GatewayHttp http;

    @BeforeEach
    void setUp() {
        this.http = new GatewayHttp(this.port);
    }

    @Test
    void theContractIsServedAsJsonAndAsTheYamlItIsWrittenIn() {
        HttpResponse<String> json = this.http.get("/v3/api-docs", null);
        HttpResponse<String> yaml = this.http.get("/v3/api-docs.yaml", null);

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode served = JsonMapper.shared().readTree(json.body());
        assertThat(served.path("openapi").asString()).startsWith("3.1");
        assertThat(served).isEqualTo(CONTRACT.document());
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(YAMLMapper.shared().readTree(yaml.body())).isEqualTo(CONTRACT.document());
    }

    @Test
    void theBrowsablePageLoadsSwaggerUiFromTheGatewayUnderTheStrictPolicy() {
        HttpResponse<String> page = this.http.get("/api-docs", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        Matcher references = ASSET_REFERENCE.matcher(page.body());
        List<String> loaded = new ArrayList<>();
        while (references.find()) {
            String reference = references.group(1);
            assertThat(reference).as("same origin").matches("/(?!/).*");
            assertThat(this.http.get(reference, null).statusCode())
                    .as(reference)
                    .isEqualTo(200);
            loaded.add(reference);
        }
        assertThat(loaded)
                .contains("/webjars/swagger-ui/swagger-ui-bundle.js", "/assets/api-docs.js", "/v3/api-docs.yaml");
        assertThat(this.http.get("/swagger-ui.html", null).headers().firstValue("Location"))
                .hasValue("/api-docs");
    }

    @Test
    void everyDocumentedOperationOfAServiceHasARoute() {
        List<PathPattern> routed = new ArrayList<>();
        for (RouteDefinition route :
                this.routes.getRouteDefinitions().collectList().block()) {
            route.getPredicates().stream()
                    .filter(predicate -> predicate.getName().equals("Path"))
                    .flatMap(predicate -> predicate.getArgs().values().stream())
                    .flatMap(patterns -> List.of(patterns.split(",")).stream())
                    .map(pattern -> PathPatternParser.defaultInstance.parse(pattern.strip()))
                    .forEach(routed::add);
        }
        List<String> unrouted = new ArrayList<>();
        for (String operation : CONTRACT.operationKeys()) {
            String template = operation.substring(operation.indexOf(' ') + 1);
            if (GATEWAY_OWN.contains(template)) {
                continue;
            }
            PathContainer example =
                    PathContainer.parsePath(template.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000001"));
            if (routed.stream().noneMatch(pattern -> pattern.matches(example))) {
                unrouted.add(operation);
            }
        }

        assertThat(routed).isNotEmpty();
        assertThat(unrouted).as("documented but not routed").isEmpty();
    }
}
