package news.comments.moderationservice.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.comments.moderationservice.config.WebSliceConfig;
import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.rules.InvalidRuleSetException;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rule set over HTTP: read with its version as ETag, replaced with optimistic concurrency (the version in
 * the body or If-Match), moderator-only with real signed tokens. The rule set in force and its publisher stand
 * in for the rules topic (the integration tests cover it).
 */
@WebMvcTest(RulesController.class)
@Import({WebSliceConfig.class, RulesControllerWebTest.Settings.class})
class RulesControllerWebTest {

    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RuleSet VERSION_1 = RuleSet.defaults();

    @TestConfiguration(proxyBeanMethods = false)
    static class Settings {

        @Bean
        ModerationSettings moderationSettings() {
            return new ModerationSettings(
                    Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofDays(7), Duration.ofDays(1));
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LiveRuleSet live;

    @MockitoBean
    RuleSetPublisher publisher;

    @BeforeEach
    void version1InForce() {
        when(live.inForce()).thenReturn(new LiveRuleSet.InForce(VERSION_1, "configuration", null, -1, -1, null));
    }

    @Test
    void aModeratorReadsTheRulesInForceWithTheirVersionAsETag() throws Exception {
        mvc.perform(asModerator(get("/api/moderation/rules")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.maxLinks").value(RuleSet.DEFAULT_MAX_LINKS))
                .andExpect(jsonPath("$.maxLength").value(RuleSet.DEFAULT_MAX_LENGTH))
                .andExpect(jsonPath("$.bannedWords").isArray())
                .andExpect(jsonPath("$.reportThreshold").value(3))
                .andExpect(jsonPath("$.updatedBy").value("configuration"))
                .andExpect(jsonPath("$.updatedAt").value(nullValue()))
                .andExpect(jsonPath("$.closeGraceMillis").value(2000));
    }

    @Test
    void aModeratorReplacesTheRulesNamingTheVersionInTheBody() throws Exception {
        RuleSet version2 = RuleSet.of(2, List.of("scam"), 5, 5000);
        when(publisher.publish(anyLong(), any(), anyString()))
                .thenReturn(new LiveRuleSet.InForce(
                        version2, "test-moderator", Instant.parse("2026-12-01T10:00:00Z"), 0, 41, null));
        Map<String, Object> body = currentView();
        body.put("maxLinks", 5);
        body.put("bannedWords", List.of("scam"));

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(body)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.maxLinks").value(5))
                .andExpect(jsonPath("$.bannedWords[0]").value("scam"))
                .andExpect(jsonPath("$.updatedBy").value("test-moderator"))
                .andExpect(jsonPath("$.updatedAt").value("2026-12-01T10:00:00Z"));

        ArgumentCaptor<RuleSetDocument> document = ArgumentCaptor.forClass(RuleSetDocument.class);
        verify(publisher).publish(eq(1L), document.capture(), eq("test-moderator"));
        assertThat(document.getValue().maxLinks()).isEqualTo(5);
        assertThat(document.getValue().bannedWords()).containsExactly("scam");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "W/\"1\"", "1"})
    void theVersionMayComeInIfMatch(String ifMatch) throws Exception {
        LiveRuleSet.InForce version2 =
                new LiveRuleSet.InForce(VERSION_1.withVersion(2), "test-moderator", Instant.now(), 0, 41, null);
        when(publisher.publish(anyLong(), any(), anyString())).thenReturn(version2);
        Map<String, Object> body = currentView();
        body.remove("version");

        mvc.perform(asModerator(put("/api/moderation/rules"))
                        .header("If-Match", ifMatch)
                        .content(JSON.writeValueAsString(body)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""));

        verify(publisher).publish(eq(1L), any(), eq("test-moderator"));
    }

    @Test
    void aChangeThatNamesNoVersionIsA400Problem() throws Exception {
        Map<String, Object> body = currentView();
        body.remove("version");

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.status").value(400));

        verifyNoInteractions(publisher);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "\"one\"", "1.5"})
    void aVersionThatIsNotAPositiveWholeNumberIsA400Problem(String version) throws Exception {
        mvc.perform(asModerator(put("/api/moderation/rules")).content("{\"version\":" + version + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"));

        verifyNoInteractions(publisher);
    }

    @Test
    void aFieldOfTheWrongTypeIsA400Problem() throws Exception {
        Map<String, Object> body = currentView();
        body.put("maxLinks", "many");

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"));

        verifyNoInteractions(publisher);
    }

    @Test
    void anInvalidRuleSetIsA400ProblemListingEveryError() throws Exception {
        when(publisher.publish(anyLong(), any(), anyString()))
                .thenThrow(
                        new InvalidRuleSetException(List.of("maxLinks must be 0 or more", "suspectWords is required")));
        Map<String, Object> body = currentView();
        body.put("maxLinks", -1);
        body.remove("suspectWords");

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0]").value("maxLinks must be 0 or more"));
    }

    @Test
    void aChangeBasedOnAnOlderVersionIsA409ProblemNamingTheCurrentOne() throws Exception {
        when(publisher.publish(anyLong(), any(), anyString())).thenThrow(RuleSetPublisher.stale(1, 4));

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(currentView())))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/stale-rules-version"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.currentVersion").value(4));
    }

    @Test
    void aReaderCannotReadOrChangeTheRules() throws Exception {
        String reader = "Bearer " + TOKENS.token("reader", List.of("READER"));

        mvc.perform(get("/api/moderation/rules").header("Authorization", reader))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/forbidden"))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(put("/api/moderation/rules")
                        .header("Authorization", reader)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(currentView())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/forbidden"));

        verifyNoInteractions(publisher);
    }

    @Test
    void withoutATokenTheRulesAre401Problems() throws Exception {
        mvc.perform(get("/api/moderation/rules"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(put("/api/moderation/rules")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(currentView())))
                .andExpect(status().isUnauthorized());

        verifyNoInteractions(publisher);
    }

    /** What GET answers for version 1, as a client would send it back. */
    private static Map<String, Object> currentView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", 1);
        view.putAll(RuleSetDocument.of(VERSION_1).toMap());
        view.put("updatedBy", "configuration");
        view.put("updatedAt", null);
        view.put("closeGraceMillis", 2000);
        return view;
    }

    private static MockHttpServletRequestBuilder asModerator(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer " + TOKENS.moderatorToken())
                .contentType(MediaType.APPLICATION_JSON);
    }
}
