package news.comments.moderationservice.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import news.comments.events.CommentModerated;
import news.comments.events.Decision;
import news.comments.events.Reason;
import news.comments.moderationservice.config.WebSliceConfig;
import news.comments.moderationservice.moderation.ModerationTopology;
import news.comments.moderationservice.rules.RuleSet;
import news.comments.moderationservice.rules.RuleSetSource;
import news.comments.testsupport.TestTokenIssuer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A moderator's decision over HTTP: validated, moderator-only (real signed tokens), published as
 * CommentModerated and answered 202. The comment index, the rules in force and the Kafka template stand in
 * for the Streams app and the broker (the integration tests cover those).
 */
@WebMvcTest(DecisionController.class)
@Import({WebSliceConfig.class, DecisionControllerWebTest.FixedClock.class})
class DecisionControllerWebTest {

    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final UUID ARTICLE = UUID.fromString("0192f0c1-0000-7000-8000-00000000000a");
    private static final UUID COMMENT = UUID.fromString("0192f0c1-0000-7000-8000-00000000000c");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RuleSetSource rules;

    @MockitoBean
    KafkaTemplate<String, Object> kafka;

    @BeforeEach
    void rulesVersion7() {
        when(rules.current()).thenReturn(RuleSet.defaults().withVersion(7));
    }

    @Test
    void aModeratorsDecisionIsPublishedAndAnswered202() throws Exception {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));

        var answer = mvc.perform(decide("{\"articleId\":\"" + ARTICLE
                        + "\",\"decision\":\"REMOVE\",\"note\":\"  Personal attack.  \"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.commentId").value(COMMENT.toString()))
                .andExpect(jsonPath("$.articleId").value(ARTICLE.toString()))
                .andExpect(jsonPath("$.decision").value("REMOVED"))
                .andExpect(jsonPath("$.decidedBy").value("test-moderator"))
                .andExpect(jsonPath("$.decidedAt").value("2026-12-01T10:00:00Z"))
                .andExpect(jsonPath("$.rulesVersion").value(7))
                .andReturn();

        CommentModerated sent = sent();
        assertThat(sent.commentId()).isEqualTo(COMMENT);
        assertThat(sent.articleId()).isEqualTo(ARTICLE);
        assertThat(sent.decision()).isEqualTo(Decision.REMOVED);
        assertThat(sent.decidedBy()).isEqualTo("test-moderator");
        assertThat(sent.automatic()).isFalse();
        assertThat(sent.rulesVersion()).isEqualTo(7);
        assertThat(sent.decidedAt()).isEqualTo(NOW);
        assertThat(sent.note()).isEqualTo("Personal attack.");
        assertThat(sent.reasons()).containsExactly(new Reason("MODERATOR_REMOVE", "Personal attack."));
        assertThat(answer.getResponse().getContentAsString())
                .contains(sent.decisionId().toString());
    }

    @Test
    void theDecisionIsRequestedKeyedByItsArticleOnTheModeratorDecisionsTopic() throws Exception {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(decide("{\"articleId\":\"" + ARTICLE + "\",\"decision\":\"APPROVE\"}"))
                .andExpect(status().isAccepted());

        ProducerRecord<String, Object> record = record();
        assertThat(record.topic()).isEqualTo(ModerationTopology.MODERATOR_DECISIONS_TOPIC);
        assertThat(record.key()).isEqualTo(ARTICLE.toString());
        assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void withoutANoteTheReasonNamesTheModerator() throws Exception {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(decide("{\"articleId\":\"" + ARTICLE + "\",\"decision\":\"REJECT\",\"note\":\"   \"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.decision").value("REJECTED"));

        CommentModerated sent = sent();
        assertThat(sent.note()).isNull();
        assertThat(sent.reasons())
                .containsExactly(new Reason("MODERATOR_REJECT", "Decided by moderator test-moderator."));
    }

    @Test
    void aDecisionWithoutAnActionIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(decide("{\"articleId\":\"" + ARTICLE + "\",\"note\":\"Fine.\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors.decision").exists());

        verifyNoInteractions(kafka);
    }

    @Test
    void anActionTheApiDoesNotKnowIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(decide("{\"articleId\":\"" + ARTICLE + "\",\"decision\":\"HIDE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value(containsString("decision")));

        verifyNoInteractions(kafka);
    }

    @Test
    void aNoteOver2000CharactersIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(decide("{\"articleId\":\"" + ARTICLE + "\",\"decision\":\"APPROVE\",\"note\":\"" + "x".repeat(2001)
                        + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors.note").exists());

        verifyNoInteractions(kafka);
    }

    @Test
    void aDecisionThatDoesNotNameTheCommentsArticleIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(decide("{\"decision\":\"APPROVE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors.articleId").exists());

        verifyNoInteractions(kafka);
    }

    @Test
    void whenKafkaDoesNotTakeTheDecisionItIsA503Problem() throws Exception {
        when(kafka.send(any(ProducerRecord.class)))
                .thenReturn(CompletableFuture.failedFuture(new KafkaException("broker down")));

        mvc.perform(decide("{\"articleId\":\"" + ARTICLE + "\",\"decision\":\"APPROVE\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/kafka-unavailable"))
                .andExpect(jsonPath("$.status").value(503));
    }

    @Test
    void aReaderCannotDecide() throws Exception {
        mvc.perform(post("/api/moderation/comments/" + COMMENT + "/decisions")
                        .header("Authorization", "Bearer " + TOKENS.token("reader", List.of("READER")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"REMOVE\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/forbidden"))
                .andExpect(jsonPath("$.status").value(403));

        verifyNoInteractions(kafka);
    }

    @Test
    void withoutATokenDecidingIsA401Problem() throws Exception {
        mvc.perform(post("/api/moderation/comments/" + COMMENT + "/decisions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"REMOVE\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
                .andExpect(jsonPath("$.status").value(401));

        verifyNoInteractions(kafka);
    }

    @Test
    void aModeratorTokenForAnotherAudienceIsA401Problem() throws Exception {
        mvc.perform(post("/api/moderation/comments/" + COMMENT + "/decisions")
                        .header("Authorization", "Bearer " + TOKENS.moderatorTokenForAudience("another-api"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"REMOVE\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"));

        verifyNoInteractions(kafka);
    }

    @SuppressWarnings("unchecked")
    private ProducerRecord<String, Object> record() {
        ArgumentCaptor<ProducerRecord<String, Object>> record = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(kafka).send(record.capture());
        return record.getValue();
    }

    private CommentModerated sent() {
        return (CommentModerated) record().value();
    }

    private static MockHttpServletRequestBuilder decide(String body) {
        return asModerator(post("/api/moderation/comments/" + COMMENT + "/decisions"))
                .content(body);
    }

    private static MockHttpServletRequestBuilder asModerator(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer " + TOKENS.moderatorToken())
                .contentType(MediaType.APPLICATION_JSON);
    }
}
