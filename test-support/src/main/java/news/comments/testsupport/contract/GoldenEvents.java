package news.comments.testsupport.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.comments.events.ArticleState;
import news.comments.events.CommentModerated;
import news.comments.events.CommentReported;
import news.comments.events.CommentStatusChanged;
import news.comments.events.CommentSubmitted;
import news.comments.events.Decision;
import news.comments.events.Event;
import news.comments.events.Reason;
import news.comments.events.RuleSetPublished;
import news.comments.events.Topic;
import news.comments.events.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event contract: for every topic, the golden record value under {@code docs/events/<topic>/<Type>.json}
 * and the event it stands for, built in Java. A producer must write the event as the golden JSON (same
 * fields, same values); a consumer must read the golden JSON as the event. Both sides of a change to the
 * wire format then fail a test, not a deployment.
 */
public final class GoldenEvents {

    /**
     * The record header that names an event's logical type, as every producer writes it. Written out rather
     * than taken from {@code EventTypes.HEADER}: renaming the header changes the wire format, and must fail here.
     */
    public static final String TYPE_HEADER = "event-type";

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final UUID ARTICLE = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final UUID COMMENT = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    /** One topic's golden example: the event, its logical type name and the JSON of the record value. */
    public record Golden(Topic<?> topic, String typeName, Event event, String json) {

        public JsonNode tree() {
            return JSON.readTree(json);
        }

        @Override
        public String toString() {
            return topic.name() + " " + typeName;
        }
    }

    private GoldenEvents() {}

    /** One golden example per contract topic, in the order of {@link Topics#ALL}. */
    public static List<Golden> all() {
        return Topics.ALL.stream().map(GoldenEvents::of).toList();
    }

    public static Golden of(Topic<?> topic) {
        Event event = example(topic);
        String typeName = topic.valueType().getSimpleName();
        return new Golden(topic, typeName, event, read("/contract/events/" + topic.name() + "/" + typeName + ".json"));
    }

    private static Event example(Topic<?> topic) {
        Class<?> type = topic.valueType();
        if (type == ArticleState.class) {
            return new ArticleState(
                    ARTICLE,
                    "Council approves the new bridge",
                    false,
                    Instant.parse("2026-12-03T18:30:00Z"),
                    Instant.parse("2026-12-10T08:00:00Z"),
                    4,
                    Instant.parse("2026-12-03T18:30:00Z"),
                    Instant.parse("2026-12-03T08:00:00Z"));
        }
        if (type == CommentSubmitted.class) {
            return new CommentSubmitted(
                    COMMENT,
                    ARTICLE,
                    UUID.fromString("a1b2c3d4-0000-4000-8000-000000000001"),
                    "Ada",
                    "About time. The old one has been closed twice this year.",
                    Instant.parse("2026-12-03T09:15:30.250Z"));
        }
        if (type == CommentReported.class) {
            return new CommentReported(
                    UUID.fromString("3f333df6-90a4-4fda-8dd3-9485d27cee36"),
                    COMMENT,
                    ARTICLE,
                    "Off topic",
                    Instant.parse("2026-12-03T09:20:00Z"),
                    "k3Yq1Z8pTQ6m0vXy");
        }
        if (type == CommentModerated.class) {
            return new CommentModerated(
                    UUID.fromString("9b2e8f4a-5c1d-4e7f-8a3b-6d0c2e1f4a5b"),
                    COMMENT,
                    ARTICLE,
                    Decision.HELD,
                    List.of(new Reason("SUSPECT_WORD", "Contains a word moderators review: closed.")),
                    CommentModerated.RULES,
                    7,
                    Instant.parse("2026-12-03T09:15:30.480Z"),
                    null);
        }
        if (type == CommentStatusChanged.class) {
            return new CommentStatusChanged(
                    COMMENT, ARTICLE, Decision.APPROVED, Decision.HELD, 2, Instant.parse("2026-12-03T09:40:00Z"));
        }
        if (type == RuleSetPublished.class) {
            Map<String, Object> rules = new LinkedHashMap<>();
            rules.put("bannedWords", List.of("spamword"));
            rules.put("suspectWords", List.of("closed"));
            rules.put("maxLinks", 2);
            rules.put("maxLength", 5000);
            rules.put("autoCloseAfterDays", 0);
            rules.put("duplicateWindowSeconds", 600);
            rules.put("floodMaxComments", 5);
            rules.put("floodWindowSeconds", 60);
            rules.put("bannedAuthors", List.of());
            rules.put("preModerateAll", false);
            rules.put("preModeratedArticles", List.of());
            rules.put("preModerateNewAuthors", false);
            rules.put("reportThreshold", 3);
            return new RuleSetPublished(
                    7,
                    rules,
                    "moderator",
                    Instant.parse("2026-12-03T07:00:00Z"),
                    UUID.fromString("5d0c8a52-6f3e-4b8e-9a41-2c7f1e9b3d60"));
        }
        throw new IllegalStateException("no golden example for " + topic.name() + ": add docs/events/" + topic.name()
                + "/" + type.getSimpleName() + ".json and its event here");
    }

    private static String read(String resource) {
        try (InputStream in = GoldenEvents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        resource + " is missing: every topic has a golden example in docs/events/");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
