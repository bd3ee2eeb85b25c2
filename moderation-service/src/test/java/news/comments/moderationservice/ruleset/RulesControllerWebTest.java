package news.comments.moderationservice.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import news.comments.moderationservice.config.WebSliceConfig;
import news.comments.moderationservice.moderation.ModerationSettings;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.testsupport.TestTokenIssuer;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
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
 * The rule set over HTTP: read with its version as ETag, every version listed and readable, replaced with
 * optimistic concurrency (the version in the body or If-Match), moderator-only with real signed tokens. The
 * real proposer runs; the versions this instance holds and the proposals topic are mocks (the integration
 * tests cover them).
 */
@WebMvcTest(RulesController.class)
@Import({WebSliceConfig.class, RulesControllerWebTest.Beans.class})
class RulesControllerWebTest {

    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RuleSet VERSION_1 = RuleSet.defaults();
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        ModerationSettings moderationSettings() {
            return new ModerationSettings(
                    Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofDays(7), Duration.ofDays(1));
        }

        @Bean
        RuleSetProposer ruleSetProposer(RuleVersions versions, RuleProposals proposals) {
            return new RuleSetProposer(versions, proposals, Clock.fixed(AT, ZoneOffset.UTC), Duration.ofSeconds(1));
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RuleVersions versions;

    @MockitoBean
    RuleProposals proposals;

    @BeforeEach
    void version1InForce() {
        when(versions.inForce()).thenReturn(RuleVersion.configured(VERSION_1));
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
    void aModeratorReplacesTheRulesNamingTheVersionInTheBodyAndGets200WhenTheirProposalBecameTheNextVersion()
            throws Exception {
        ArgumentCaptor<RuleSetProposal> proposal = ArgumentCaptor.forClass(RuleSetProposal.class);
        when(versions.await(eq(2L), any())).thenAnswer(call -> {
            verify(proposals).send(proposal.capture());
            return Optional.of(
                    version(2, List.of("scam"), 5, proposal.getValue().proposalId()));
        });
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

        assertThat(proposal.getValue().basedOn()).isEqualTo(1);
        assertThat(proposal.getValue().proposedBy()).isEqualTo("test-moderator");
        assertThat(proposal.getValue().proposedAt()).isEqualTo(AT);
        assertThat(proposal.getValue().rules()).containsEntry("maxLinks", 5);
        assertThat(proposal.getValue().rules()).containsEntry("bannedWords", List.of("scam"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "W/\"1\"", "1"})
    void theVersionMayComeInIfMatch(String ifMatch) throws Exception {
        ArgumentCaptor<RuleSetProposal> proposal = ArgumentCaptor.forClass(RuleSetProposal.class);
        when(versions.await(eq(2L), any())).thenAnswer(call -> {
            verify(proposals).send(proposal.capture());
            return Optional.of(version(2, List.of(), 2, proposal.getValue().proposalId()));
        });
        Map<String, Object> body = currentView();
        body.remove("version");

        mvc.perform(asModerator(put("/api/moderation/rules"))
                        .header("If-Match", ifMatch)
                        .content(JSON.writeValueAsString(body)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""));

        assertThat(proposal.getValue().basedOn()).isEqualTo(1);
    }

    @Test
    void whenAnotherChangeBecameTheNextVersionThePutIsA409ProblemNamingIt() throws Exception {
        when(versions.await(eq(2L), any())).thenReturn(Optional.of(version(2, List.of(), 2, UUID.randomUUID())));

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(currentView())))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/stale-rules-version"))
                .andExpect(jsonPath("$.currentVersion").value(2));
    }

    @Test
    void whenTheNextVersionDoesNotArriveInTimeThePutIsA503RulesNotConfirmedProblem() throws Exception {
        when(versions.await(eq(2L), any())).thenReturn(Optional.empty());

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(currentView())))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/rules-not-confirmed"));
        verify(proposals).send(any());
    }

    @Test
    void aChangeBasedOnAnOlderVersionIsA409ProblemNamingTheCurrentOneAndIsNotProposed() throws Exception {
        when(versions.inForce()).thenReturn(version(4, List.of(), 2, null));

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(currentView())))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/stale-rules-version"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.currentVersion").value(4));

        verifyNoInteractions(proposals);
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

        verifyNoInteractions(proposals);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "\"one\"", "1.5"})
    void aVersionThatIsNotAPositiveWholeNumberIsA400Problem(String version) throws Exception {
        mvc.perform(asModerator(put("/api/moderation/rules")).content("{\"version\":" + version + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"));

        verifyNoInteractions(proposals);
    }

    @Test
    void aFieldOfTheWrongTypeIsA400Problem() throws Exception {
        Map<String, Object> body = currentView();
        body.put("maxLinks", "many");

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"));

        verifyNoInteractions(proposals);
    }

    @Test
    void anInvalidRuleSetIsA400ProblemListingEveryErrorAndIsNotProposed() throws Exception {
        Map<String, Object> body = currentView();
        body.put("maxLinks", -1);
        body.put("maxLength", 0);

        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors.length()").value(2));
        Map<String, Object> missing = currentView();
        missing.remove("suspectWords");
        mvc.perform(asModerator(put("/api/moderation/rules")).content(JSON.writeValueAsString(missing)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0]").value("suspectWords is required"));

        verifyNoInteractions(proposals);
    }

    @Test
    void aModeratorListsEveryVersionNewestFirst() throws Exception {
        when(versions.list())
                .thenReturn(List.of(
                        new RuleVersions.Summary(3, "mod", AT), new RuleVersions.Summary(1, "configuration", null)));

        mvc.perform(asModerator(get("/api/moderation/rules/versions")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.versions.length()").value(2))
                .andExpect(jsonPath("$.versions[0].version").value(3))
                .andExpect(jsonPath("$.versions[0].publishedBy").value("mod"))
                .andExpect(jsonPath("$.versions[0].publishedAt").value("2026-12-01T10:00:00Z"))
                .andExpect(jsonPath("$.versions[1].version").value(1))
                .andExpect(jsonPath("$.versions[1].publishedBy").value("configuration"))
                .andExpect(jsonPath("$.versions[1].publishedAt").value(nullValue()));
    }

    @Test
    void aModeratorReadsAnOlderVersionWithItsVersionAsETag() throws Exception {
        when(versions.find(2)).thenReturn(Optional.of(version(2, List.of("scam"), 4, UUID.randomUUID())));

        mvc.perform(asModerator(get("/api/moderation/rules/versions/2")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.maxLinks").value(4))
                .andExpect(jsonPath("$.bannedWords[0]").value("scam"))
                .andExpect(jsonPath("$.updatedBy").value("test-moderator"))
                .andExpect(jsonPath("$.closeGraceMillis").value(2000));
    }

    @Test
    void anUnknownVersionIsA404Problem() throws Exception {
        when(versions.find(9)).thenReturn(Optional.empty());

        mvc.perform(asModerator(get("/api/moderation/rules/versions/9")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "two", "1.5", "99999999999999999999"})
    void aVersionInThePathThatIsNotAPositiveWholeNumberIsA400Problem(String version) throws Exception {
        mvc.perform(asModerator(get("/api/moderation/rules/versions/" + version)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"));

        verify(versions, never()).find(anyLong());
    }

    @Test
    void whileTheVersionsAreNotLoadedTheRulesAre503NotReadyWithRetryAfter() throws Exception {
        ProblemException notReady =
                new ProblemException(ProblemType.NOT_READY, "not yet").withHeader("Retry-After", "2");
        when(versions.inForce()).thenThrow(notReady);
        when(versions.list()).thenThrow(notReady);

        for (MockHttpServletRequestBuilder request : List.of(
                get("/api/moderation/rules"),
                get("/api/moderation/rules/versions"),
                put("/api/moderation/rules").content(JSON.writeValueAsString(currentView())))) {
            mvc.perform(asModerator(request))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "2"))
                    .andExpect(jsonPath("$.type").value("/problems/not-ready"));
        }
        verifyNoInteractions(proposals);
    }

    @Test
    void aReaderCannotReadOrChangeTheRules() throws Exception {
        String reader = "Bearer " + TOKENS.token("reader", List.of("READER"));

        for (String path : List.of(
                "/api/moderation/rules", "/api/moderation/rules/versions", "/api/moderation/rules/versions/1")) {
            mvc.perform(get(path).header("Authorization", reader))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("/problems/forbidden"))
                    .andExpect(jsonPath("$.status").value(403));
        }
        mvc.perform(put("/api/moderation/rules")
                        .header("Authorization", reader)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(currentView())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/forbidden"));

        verifyNoInteractions(proposals);
        verify(versions, never()).list();
    }

    @Test
    void withoutATokenTheRulesAre401Problems() throws Exception {
        for (String path : List.of(
                "/api/moderation/rules", "/api/moderation/rules/versions", "/api/moderation/rules/versions/1")) {
            mvc.perform(get(path))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
                    .andExpect(jsonPath("$.status").value(401));
        }
        mvc.perform(put("/api/moderation/rules")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(currentView())))
                .andExpect(status().isUnauthorized());

        verifyNoInteractions(proposals);
    }

    private static RuleVersion version(long version, List<String> bannedWords, int maxLinks, UUID proposalId) {
        return new RuleVersion(RuleSet.of(version, bannedWords, maxLinks, 5000), "test-moderator", AT, proposalId);
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
