package news.comments.testsupport.contract;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The public HTTP contract ({@code docs/openapi.yaml}, OpenAPI 3.1) and the checks that keep the system
 * true to it: the operation a request is for, its parameters and body, and the status, headers and body
 * of the answer. Schemas are checked by networknt's JSON Schema validator with the OpenAPI 3.1 dialect.
 *
 * <p>Kept here rather than Atlassian's swagger-request-validator: its only release that reads OpenAPI 3.1
 * (3.0) needs Java 21, and this build runs on 17 (ADR 10). This class only matches operations and walks
 * the document; every schema check is the library's.
 */
public final class OpenApiContract {

    /** Where the build puts {@code docs/openapi.yaml} on a test classpath. */
    public static final String RESOURCE = "/contract/openapi.yaml";

    // A name for the document inside the schema registry; never fetched.
    private static final String DOCUMENT_IRI = "https://contract.comments.news/openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final JsonMapper JSON = JsonMapper.shared();

    private final String yaml;
    private final JsonNode document;
    private final SchemaRegistry schemas;
    private final List<Operation> operations = new ArrayList<>();

    /** One documented operation: the method, the path template and where it sits in the document. */
    public record Operation(String method, String template, Pattern pattern, List<String> variables, String pointer) {

        /** {@code "GET /api/articles/{articleId}"}. */
        public String key() {
            return method + " " + template;
        }
    }

    private OpenApiContract(String yaml) {
        this.yaml = yaml;
        this.document = YAMLMapper.shared().readTree(yaml);
        this.schemas = SchemaRegistry.withDialect(
                Dialects.getOpenApi31(),
                registry -> registry.schemas(Map.of(DOCUMENT_IRI, yaml))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    operations.add(operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey()));
                }
            }
        }
    }

    /** The contract as the build copied it onto the classpath. */
    public static OpenApiContract fromClasspath() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (test-support copies it)");
            }
            return new OpenApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenApiContract of(String yaml) {
        return new OpenApiContract(yaml);
    }

    /** The document as written. */
    public String yaml() {
        return yaml;
    }

    public JsonNode document() {
        return document;
    }

    /** Every documented operation, as {@code "METHOD /template"}. */
    public Set<String> operationKeys() {
        Set<String> keys = new TreeSet<>();
        operations.forEach(operation -> keys.add(operation.key()));
        return keys;
    }

    /** The operation a request is for; a literal segment wins over a variable one. */
    public Optional<Operation> find(String method, String path) {
        return operations.stream()
                .filter(operation -> operation.method().equalsIgnoreCase(method))
                .filter(operation -> operation.pattern().matcher(path).matches())
                .min((a, b) ->
                        Integer.compare(a.variables().size(), b.variables().size()));
    }

    /**
     * What is wrong with a request the contract documents: an undocumented operation, a missing or invalid
     * parameter, a missing, unexpected or invalid body. Empty when the request is as documented.
     */
    public List<String> requestViolations(
            String method, String path, String rawQuery, Function<String, Optional<String>> header, String body) {
        Optional<Operation> found = find(method, path);
        if (found.isEmpty()) {
            return List.of(method + " " + path + " is not a documented operation");
        }
        Operation operation = found.get();
        List<String> violations = new ArrayList<>();
        Matcher matcher = operation.pattern().matcher(path);
        matcher.matches();
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (int i = 0; i < operation.variables().size(); i++) {
            pathValues.put(
                    operation.variables().get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
        }
        Map<String, String> query = query(rawQuery);
        for (Located parameter : parameters(operation)) {
            String name = parameter.node().path("name").asString();
            String in = parameter.node().path("in").asString();
            Optional<String> value = switch (in) {
                case "path" -> Optional.ofNullable(pathValues.get(name));
                case "query" -> Optional.ofNullable(query.get(name));
                case "header" -> header.apply(name);
                default -> Optional.empty();
            };
            if (value.isEmpty()) {
                if (parameter.node().path("required").asBoolean(false)) {
                    violations.add(operation.key() + ": the " + in + " parameter " + name + " is missing");
                }
                continue;
            }
            String where = operation.key() + " " + in + " parameter " + name;
            violations.addAll(check(
                    where, parameter.pointer() + "/schema", parameter.node().path("schema"), value.get()));
        }
        JsonNode requestBody = resolve(at(operation.pointer() + "/requestBody")).node();
        boolean hasBody = body != null && !body.isEmpty();
        if (requestBody.isMissingNode()) {
            if (hasBody) {
                violations.add(operation.key() + " takes no body");
            }
        } else if (!hasBody) {
            if (requestBody.path("required").asBoolean(false)) {
                violations.add(operation.key() + ": the body is missing");
            }
        } else {
            String mediaType = mediaType(header.apply("Content-Type").orElse(""));
            Located content = resolve(at(operation.pointer() + "/requestBody"))
                    .child("content")
                    .child(mediaType);
            if (content.node().isMissingNode()) {
                violations.add(operation.key() + " does not take a " + mediaType + " body");
            } else {
                violations.addAll(body(operation.key() + " request", mediaType, content, body));
            }
        }
        return violations;
    }

    /**
     * What is wrong with an answer: a status the operation does not document, a missing documented header,
     * a content type or body other than documented. For a path no operation documents, the answer must be a
     * documented problem ({@code components/schemas/Problem}).
     */
    public List<String> responseViolations(
            String method, String path, int status, Function<String, Optional<String>> header, String body) {
        // A HEAD is answered as the GET would be, without the body.
        boolean head = method.equalsIgnoreCase("HEAD");
        Optional<Operation> found = find(head ? "GET" : method, path);
        String mediaType = mediaType(header.apply("Content-Type").orElse(""));
        if (found.isEmpty()) {
            if (status < 400) {
                return List.of(method + " " + path + " answered " + status + " but is not a documented operation");
            }
            if (!mediaType.equals("application/problem+json")) {
                return List.of(method + " " + path + " answered " + status + " as " + mediaType
                        + ", not application/problem+json");
            }
            if (head) {
                return List.of();
            }
            return body(method + " " + path + " " + status, at("/components/schemas/Problem"), body, true);
        }
        Operation operation = found.get();
        String where = operation.key() + " " + status;
        Located response = resolve(at(operation.pointer() + "/responses").child(Integer.toString(status)));
        if (response.node().isMissingNode()) {
            response = resolve(at(operation.pointer() + "/responses").child(status / 100 + "XX"));
        }
        if (response.node().isMissingNode()) {
            return List.of(operation.key() + " does not document status " + status + " (body: " + body + ")");
        }
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> documented :
                response.node().path("headers").properties()) {
            Located headerSpec = resolve(response.child("headers").child(documented.getKey()));
            Optional<String> value = header.apply(documented.getKey());
            if (value.isEmpty()) {
                if (headerSpec.node().path("required").asBoolean(false)) {
                    violations.add(where + ": the header " + documented.getKey() + " is missing");
                }
            } else {
                violations.addAll(check(
                        where + " header " + documented.getKey(),
                        headerSpec.pointer() + "/schema",
                        headerSpec.node().path("schema"),
                        value.get()));
            }
        }
        JsonNode content = response.node().path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return violations;
        }
        Located media = response.child("content").child(mediaType);
        if (media.node().isMissingNode()) {
            violations.add(where + " answered " + (mediaType.isEmpty() ? "no content type" : mediaType)
                    + "; documented: " + String.join(", ", content.propertyNames()));
            return violations;
        }
        if (!head) {
            violations.addAll(body(where, mediaType, media, body));
        }
        return violations;
    }

    private List<String> body(String where, String mediaType, Located media, String body) {
        return body(where, media.child("schema"), body, mediaType.endsWith("json"));
    }

    private List<String> body(String where, Located schema, String body, boolean json) {
        if (!json) {
            return List.of(); // an event stream or a page: its media type is all the contract says
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body == null ? "" : body);
        } catch (RuntimeException notJson) {
            return List.of(where + ": the body is not JSON: " + body);
        }
        if (instance == null || instance.isMissingNode()) {
            return List.of(where + ": the body is empty");
        }
        return validate(where, schema.pointer(), instance);
    }

    /** A parameter or header value is text on the wire; typed as its schema says before it is checked. */
    private List<String> check(String where, String pointer, JsonNode schema, String value) {
        JsonNode instance = JsonNodeFactory.instance.stringNode(value);
        String type = schema.path("type").asString("");
        if (type.equals("integer") || type.equals("number")) {
            try {
                instance = JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value));
            } catch (NumberFormatException e) {
                return List.of(where + ": '" + value + "' is not a number");
            }
        }
        return validate(where, pointer, instance);
    }

    private List<String> validate(String where, String pointer, JsonNode instance) {
        List<Error> errors = schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + pointer))
                .validate(instance);
        return errors.stream()
                .map(error -> where + ": " + error.getMessage() + " in " + instance)
                .toList();
    }

    private Operation operation(String method, String template) {
        List<String> variables = new ArrayList<>();
        Matcher variable = TEMPLATE_VARIABLE.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(last, variable.start())));
            regex.append("([^/]+)");
            variables.add(variable.group(1));
            last = variable.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
        return new Operation(method, template, Pattern.compile(regex.toString()), List.copyOf(variables), pointer);
    }

    private List<Located> parameters(Operation operation) {
        List<Located> parameters = new ArrayList<>();
        Located list = at(operation.pointer() + "/parameters");
        for (int i = 0; i < list.node().size(); i++) {
            parameters.add(resolve(list.child(Integer.toString(i))));
        }
        return parameters;
    }

    /** A node of the document and its JSON pointer, so that schemas keep resolving their references. */
    private record Located(String pointer, JsonNode node) {

        Located child(String name) {
            JsonNode child = node.isArray() && name.chars().allMatch(Character::isDigit)
                    ? node.path(Integer.parseInt(name))
                    : node.path(name);
            return new Located(pointer + "/" + escape(name), child);
        }
    }

    private Located at(String pointer) {
        return new Located(pointer, document.at(pointer));
    }

    private Located resolve(Located located) {
        JsonNode ref = located.node().path("$ref");
        return ref.isString() ? resolve(at(ref.asString().substring(1))) : located;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }
}
