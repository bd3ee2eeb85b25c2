package news.comments.moderationservice.ruleset;

import java.util.LinkedHashMap;
import java.util.Map;
import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.rules.InvalidRuleSetException;
import news.comments.web.problem.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versioned rule set, for moderators (moderator-only by config/SecurityConfig). {@code PUT} replaces the
 * whole set; it names the version it was based on in the body's {@code version} or in {@code If-Match}.
 */
@RestController
@RequestMapping("/api/moderation/rules")
public class RulesController {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final LiveRuleSet live;
    private final RuleSetPublisher publisher;
    private final ModerationSettings settings;

    public RulesController(LiveRuleSet live, RuleSetPublisher publisher, ModerationSettings settings) {
        this.live = live;
        this.publisher = publisher;
        this.settings = settings;
    }

    @GetMapping
    public ResponseEntity<Map<String, Object>> current() {
        return view(live.inForce());
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
            return view(publisher.publish(basedOn, document, jwt.getSubject()));
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
        try {
            long version = Long.parseLong(raw);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("The version must be a positive whole number.");
        }
    }

    private ResponseEntity<Map<String, Object>> view(LiveRuleSet.InForce inForce) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", inForce.rules().version());
        view.putAll(RuleSetDocument.of(inForce.rules()).toMap());
        view.put("updatedBy", inForce.publishedBy());
        view.put(
                "updatedAt",
                inForce.publishedAt() == null ? null : inForce.publishedAt().toString());
        view.put("closeGraceMillis", settings.closeGrace().toMillis());
        return ResponseEntity.ok().eTag("\"" + inForce.rules().version() + "\"").body(view);
    }
}
