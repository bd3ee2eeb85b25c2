package news.comments.moderationservice.ruleset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.rules.InvalidRuleSetException;
import news.comments.web.problem.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned rule set, for moderators (moderator-only by config/SecurityConfig). {@code PUT} replaces the
 * whole set; it names the version it was based on in the body's {@code version} or in {@code If-Match}. Every
 * version stays readable under {@code /versions}.
 */
@RestController
@RequestMapping("/api/moderation/rules")
public class RulesController {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final RuleVersions versions;
    private final RuleSetProposer proposer;
    private final ModerationSettings settings;

    public RulesController(RuleVersions versions, RuleSetProposer proposer, ModerationSettings settings) {
        this.versions = versions;
        this.proposer = proposer;
        this.settings = settings;
    }

    @GetMapping
    public ResponseEntity<Map<String, Object>> current() {
        return view(versions.inForce());
    }

    /** Every version, newest first, with who published it and when. */
    @GetMapping("/versions")
    public Map<String, List<RuleVersions.Summary>> versions() {
        return Map.of("versions", versions.list());
    }

    @GetMapping("/versions/{version}")
    public ResponseEntity<Map<String, Object>> version(@PathVariable("version") String version) {
        long number = positive(version, "The version in the path must be a positive whole number.");
        return view(versions.find(number)
                .orElseThrow(() -> ProblemException.notFound("There is no rule set version " + number + ".")));
    }

    @PutMapping
    public ResponseEntity<Map<String, Object>> replace(
            @RequestBody Map<String, Object> body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @AuthenticationPrincipal Jwt jwt) {
        long basedOn = basedOn(body.get("version"), ifMatch);
        Map<String, Object> fields = new LinkedHashMap<>(body);
        for (String readOnly : new String[] {"version", "updatedBy", "updatedAt", "closeGraceMillis"}) {
            fields.remove(readOnly);
        }
        RuleSetDocument document;
        try {
            document = MAPPER.convertValue(fields, RuleSetDocument.class);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("The rule set has a field of the wrong type.");
        }
        try {
            return view(proposer.publish(basedOn, document, jwt.getSubject()));
        } catch (InvalidRuleSetException e) {
            throw ProblemException.badRequest(String.join("; ", e.problems())).withProperty("errors", e.problems());
        }
    }

    private static long basedOn(Object bodyVersion, String ifMatch) {
        String raw = ifMatch != null
                ? ifMatch.replace("W/", "").replace("\"", "").strip()
                : bodyVersion == null ? null : String.valueOf(bodyVersion);
        if (raw == null || raw.isEmpty()) {
            throw ProblemException.badRequest(
                    "Name the version your change is based on: the body's \"version\" or an If-Match header.");
        }
        return positive(raw, "The version must be a positive whole number.");
    }

    private static long positive(String raw, String problem) {
        try {
            long version = Long.parseLong(raw);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(problem);
        }
    }

    private ResponseEntity<Map<String, Object>> view(RuleVersion shown) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", shown.rules().version());
        view.putAll(RuleSetDocument.of(shown.rules()).toMap());
        view.put("updatedBy", shown.publishedBy());
        view.put(
                "updatedAt",
                shown.publishedAt() == null ? null : shown.publishedAt().toString());
        view.put("closeGraceMillis", settings.closeGrace().toMillis());
        return ResponseEntity.ok().eTag("\"" + shown.rules().version() + "\"").body(view);
    }
}
