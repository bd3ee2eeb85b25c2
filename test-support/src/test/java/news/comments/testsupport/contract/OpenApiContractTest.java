package news.comments.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath();
    private static final String ARTICLE = "/api/articles/7d1c3c1e-64a4-4c8e-9a55-0c4b0b7a2f11";
    private static final String ARTICLE_JSON = """
            {"id":"7d1c3c1e-64a4-4c8e-9a55-0c4b0b7a2f11","title":"t","body":"b",
             "publishedAt":"2026-12-03T10:00:00Z","commentsOpen":true,"closedAt":null,"autoCloseAt":null,
             "commentCount":0,"version":1}""";

    @Test
    void theDocumentIsValidOpenApi31() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(CONTRACT.yaml(), null, null);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
    }

    @Test
    void aDocumentedAnswerHasNoViolations() {
        assertThat(CONTRACT.responseViolations("GET", ARTICLE, 200, json(), ARTICLE_JSON))
                .isEmpty();
    }

    @Test
    void aMissingRequiredFieldIsAViolation() {
        String withoutCount = ARTICLE_JSON.replace("\"commentCount\":0,", "");

        assertThat(CONTRACT.responseViolations("GET", ARTICLE, 200, json(), withoutCount))
                .singleElement()
                .asString()
                .contains("commentCount");
    }

    @Test
    void aValueOfTheWrongTypeIsAViolation() {
        String textCount = ARTICLE_JSON.replace("\"commentCount\":0", "\"commentCount\":\"none\"");

        assertThat(CONTRACT.responseViolations("GET", ARTICLE, 200, json(), textCount))
                .isNotEmpty();
    }

    @Test
    void aMalformedUuidIsAViolation() {
        String badId = ARTICLE_JSON.replace("\"id\":\"7d1c3c1e-64a4-4c8e-9a55-0c4b0b7a2f11\"", "\"id\":\"seven\"");

        assertThat(CONTRACT.responseViolations("GET", ARTICLE, 200, json(), badId))
                .isNotEmpty();
    }

    @Test
    void anUndocumentedStatusIsAViolation() {
        assertThat(CONTRACT.responseViolations("GET", ARTICLE, 418, problemJson(), problem(418)))
                .singleElement()
                .asString()
                .contains("does not document status 418");
    }

    @Test
    void anErrorThatIsNotAProblemIsAViolation() {
        assertThat(CONTRACT.responseViolations("GET", ARTICLE, 404, json(), "{\"error\":\"nope\"}"))
                .isNotEmpty();
        assertThat(CONTRACT.responseViolations("GET", ARTICLE, 404, problemJson(), "{\"error\":\"nope\"}"))
                .isNotEmpty();
        assertThat(CONTRACT.responseViolations("GET", ARTICLE, 404, problemJson(), problem(404)))
                .isEmpty();
    }

    @Test
    void aMissingDocumentedHeaderIsAViolation() {
        String accepted = "{\"id\":\"7d1c3c1e-64a4-4c8e-9a55-0c4b0b7a2f11\",\"status\":\"PENDING\"}";

        assertThat(CONTRACT.responseViolations("POST", ARTICLE + "/comments", 202, json(), accepted))
                .singleElement()
                .asString()
                .contains("Location");
        assertThat(CONTRACT.responseViolations(
                        "POST",
                        ARTICLE + "/comments",
                        202,
                        headers("Content-Type", "application/json", "Location", "/api/comments/x"),
                        accepted))
                .isEmpty();
    }

    @Test
    void aRequestIsCheckedForItsParametersAndBody() {
        Function<String, Optional<String>> json = json();

        assertThat(CONTRACT.requestViolations("GET", "/api/articles", "page=0&size=20", json, null))
                .isEmpty();
        assertThat(CONTRACT.requestViolations("GET", "/api/articles", "size=1000", json, null))
                .isNotEmpty();
        assertThat(CONTRACT.requestViolations("GET", "/api/articles/seven", null, json, null))
                .isNotEmpty();
        assertThat(CONTRACT.requestViolations(
                        "POST", ARTICLE + "/comments", null, json, "{\"author\":\"ann\",\"text\":\"hi\"}"))
                .isEmpty();
        assertThat(CONTRACT.requestViolations("POST", ARTICLE + "/comments", null, json, "{\"author\":\"ann\"}"))
                .isNotEmpty();
    }

    @Test
    void anUndocumentedOperationIsAViolationAndMayOnlyAnswerAProblem() {
        assertThat(CONTRACT.requestViolations("DELETE", ARTICLE, null, json(), null))
                .isNotEmpty();
        assertThat(CONTRACT.responseViolations("GET", "/api/nothing", 200, json(), "{}"))
                .isNotEmpty();
        assertThat(CONTRACT.responseViolations("GET", "/api/nothing", 404, problemJson(), problem(404)))
                .isEmpty();
    }

    @Test
    void aHeadIsAnsweredAsTheGetWithoutItsBody() {
        assertThat(CONTRACT.responseViolations("HEAD", ARTICLE, 200, json(), ""))
                .isEmpty();
        assertThat(CONTRACT.responseViolations(
                        "HEAD",
                        "/api/moderation/queue",
                        401,
                        headers("Content-Type", "application/problem+json", "WWW-Authenticate", "Bearer"),
                        ""))
                .isEmpty();
        assertThat(CONTRACT.responseViolations("HEAD", ARTICLE, 418, problemJson(), ""))
                .isNotEmpty();
    }

    @Test
    void aLiteralSegmentWinsOverATemplateVariable() {
        assertThat(CONTRACT.find("GET", ARTICLE + "/comments/stream"))
                .map(OpenApiContract.Operation::key)
                .contains("GET /api/articles/{articleId}/comments/stream");
    }

    private static String problem(int status) {
        return "{\"type\":\"/problems/not-found\",\"title\":\"Not found.\",\"status\":" + status
                + ",\"detail\":\"No such thing.\"}";
    }

    private static Function<String, Optional<String>> json() {
        return headers("Content-Type", "application/json");
    }

    private static Function<String, Optional<String>> problemJson() {
        return headers("Content-Type", "application/problem+json");
    }

    private static Function<String, Optional<String>> headers(String... namesAndValues) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return name -> Optional.ofNullable(headers.get(name));
    }
}
