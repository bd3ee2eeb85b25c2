package news.comments.gateway.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The public HTTP contract, {@code docs/openapi.yaml} (OpenAPI 3.1), where clients look for it: as JSON at
 * {@code /v3/api-docs}, as written at {@code /v3/api-docs.yaml}, and browsable with Swagger UI at
 * {@code /api-docs}. The build copies the document into the jar; it is read once, at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class ApiContractRoutes {

    static final String DOCUMENT = "contract/openapi.yaml";

    private static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final Resource page = new ClassPathResource("static/api-docs.html");

    @Bean
    RouterFunction<ServerResponse> apiContract() {
        String yaml = read(new ClassPathResource(DOCUMENT));
        JsonNode document = YAMLMapper.shared().readTree(yaml);
        String json = JsonMapper.shared().writeValueAsString(document);
        // Revalidated on every use: a deployment changes the contract under the same URL.
        CacheControl revalidate = CacheControl.noCache();
        return RouterFunctions.route()
                .GET(
                        "/v3/api-docs",
                        request -> ServerResponse.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .cacheControl(revalidate)
                                .bodyValue(json))
                .GET(
                        "/v3/api-docs.yaml",
                        request -> ServerResponse.ok()
                                .contentType(YAML)
                                .cacheControl(revalidate)
                                .bodyValue(yaml))
                .GET(
                        "/api-docs",
                        request -> ServerResponse.ok()
                                .contentType(HTML)
                                .cacheControl(revalidate)
                                .bodyValue(this.page))
                .GET(
                        "/swagger-ui.html",
                        request -> ServerResponse.permanentRedirect(URI.create("/api-docs"))
                                .build())
                .build();
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The contract " + DOCUMENT + " is not in the jar", e);
        }
    }
}
