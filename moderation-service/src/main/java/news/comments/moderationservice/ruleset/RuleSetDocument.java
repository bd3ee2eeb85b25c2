package news.comments.moderationservice.ruleset;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import news.comments.moderationservice.rules.RuleSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rule settings as a JSON object: the body of {@code PUT /api/moderation/rules} (all fields required, so a
 * typo is a 400, not a silently cleared list) and the {@code rules} map of a RuleSetPublished event.
 */
public record RuleSetDocument(
        List<String> bannedWords,
        List<String> suspectWords,
        Integer maxLinks,
        Integer maxLength,
        Integer autoCloseAfterDays,
        Integer duplicateWindowSeconds,
        Integer floodMaxComments,
        Integer floodWindowSeconds,
        List<String> bannedAuthors,
        Boolean preModerateAll,
        Set<UUID> preModeratedArticles,
        Boolean preModerateNewAuthors,
        Integer reportThreshold) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static RuleSetDocument of(RuleSet r) {
        return new RuleSetDocument(
                r.bannedWords(),
                r.suspectWords(),
                r.maxLinks(),
                r.maxLength(),
                r.autoCloseAfterDays(),
                r.duplicateWindowSeconds(),
                r.floodMaxComments(),
                r.floodWindowSeconds(),
                r.bannedAuthors(),
                r.preModerateAll(),
                r.preModeratedArticles(),
                r.preModerateNewAuthors(),
                r.reportThreshold());
    }

    /** The fields that are missing, by name. */
    List<String> missing() {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("bannedWords", bannedWords);
        fields.put("suspectWords", suspectWords);
        fields.put("maxLinks", maxLinks);
        fields.put("maxLength", maxLength);
        fields.put("autoCloseAfterDays", autoCloseAfterDays);
        fields.put("duplicateWindowSeconds", duplicateWindowSeconds);
        fields.put("floodMaxComments", floodMaxComments);
        fields.put("floodWindowSeconds", floodWindowSeconds);
        fields.put("bannedAuthors", bannedAuthors);
        fields.put("preModerateAll", preModerateAll);
        fields.put("preModeratedArticles", preModeratedArticles);
        fields.put("preModerateNewAuthors", preModerateNewAuthors);
        fields.put("reportThreshold", reportThreshold);
        return fields.entrySet().stream()
                .filter(e -> e.getValue() == null)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** @throws news.comments.moderationservice.rules.InvalidRuleSetException when a field is missing or out of range */
    RuleSet toRuleSet(long version) {
        List<String> problems = new java.util.ArrayList<>();
        missing().forEach(field -> problems.add(field + " is required"));
        problems.addAll(
                news.comments.moderationservice.rules.RuleSetValidation.blankEntries("bannedWords", bannedWords));
        problems.addAll(
                news.comments.moderationservice.rules.RuleSetValidation.blankEntries("suspectWords", suspectWords));
        problems.addAll(
                news.comments.moderationservice.rules.RuleSetValidation.blankEntries("bannedAuthors", bannedAuthors));
        if (preModeratedArticles != null && preModeratedArticles.contains(null)) {
            problems.add("preModeratedArticles must not contain null");
        }
        if (!problems.isEmpty()) {
            throw new news.comments.moderationservice.rules.InvalidRuleSetException(problems);
        }
        return new RuleSet(
                version,
                bannedWords,
                suspectWords,
                maxLinks,
                maxLength,
                autoCloseAfterDays,
                duplicateWindowSeconds,
                floodMaxComments,
                floodWindowSeconds,
                bannedAuthors,
                preModerateAll,
                preModeratedArticles,
                preModerateNewAuthors,
                reportThreshold);
    }

    Map<String, Object> toMap() {
        return MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {});
    }

    static RuleSetDocument fromMap(Map<String, Object> map) {
        try {
            return MAPPER.convertValue(map, RuleSetDocument.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new news.comments.moderationservice.rules.InvalidRuleSetException(
                    List.of("unreadable rule set: " + e.getMessage()));
        }
    }
}
