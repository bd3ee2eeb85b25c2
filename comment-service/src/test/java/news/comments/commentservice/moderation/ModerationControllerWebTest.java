package news.comments.commentservice.moderation;

import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.comments.commentservice.comment.Comment;
import news.comments.commentservice.comment.CommentRepository;
import news.comments.commentservice.comment.CommentStatus;
import news.comments.commentservice.common.PageQuery;
import news.comments.commentservice.config.WebSliceConfig;
import news.comments.events.Decision;
import news.comments.events.Reason;
import news.comments.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The moderators' views over HTTP: the held queue and a comment's history, moderator-only, with real
 * signed tokens. The two repositories stand in for the database (the integration tests cover it).
 */
@WebMvcTest(ModerationController.class)
@Import(WebSliceConfig.class)
class ModerationControllerWebTest {

    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();
    private static final UUID ARTICLE = UUID.fromString("0192f0c1-0000-7000-8000-00000000000a");
    private static final UUID COMMENT = UUID.fromString("0192f0c1-0000-7000-8000-00000000000c");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123456Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CommentRepository comments;

    @MockitoBean
    DecisionRepository decisions;

    @Test
    void aModeratorSeesTheHeldQueueWithItsTotalAndTheReasons() throws Exception {
        Comment held = new Comment(
                COMMENT,
                ARTICLE,
                null,
                "Ann",
                "Buy now at example.com",
                CommentStatus.HELD,
                List.of(new Reason("LINK", "The comment contains a link.")),
                AT);
        when(comments.held(new PageQuery(0, 20))).thenReturn(List.of(held));
        when(comments.countHeld()).thenReturn(21L);

        mvc.perform(asModerator(get("/api/moderation/queue")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.total").value(21))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.items[0].id").value(COMMENT.toString()))
                .andExpect(jsonPath("$.items[0].articleId").value(ARTICLE.toString()))
                .andExpect(jsonPath("$.items[0].author").value("Ann"))
                .andExpect(jsonPath("$.items[0].text").value("Buy now at example.com"))
                .andExpect(jsonPath("$.items[0].reasons[0].code").value("LINK"))
                .andExpect(jsonPath("$.items[0].reasons[0].text").value("The comment contains a link."))
                .andExpect(jsonPath("$.items[0].submittedAt").value("2026-12-01T10:00:00.123456Z"));
    }

    @Test
    void theQueueIsReadPageByPage() throws Exception {
        when(comments.held(new PageQuery(2, 5))).thenReturn(List.of());

        mvc.perform(asModerator(get("/api/moderation/queue").param("page", "2").param("size", "5")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(2))
                .andExpect(jsonPath("$.size").value(5))
                .andExpect(jsonPath("$.items").isEmpty());

        verify(comments).held(new PageQuery(2, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=101", "size=0", "page=-1", "page=first"})
    void aQueuePageOutOfRangeIsA400Problem(String query) throws Exception {
        mvc.perform(asModerator(get("/api/moderation/queue?" + query)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.status").value(400));

        verifyNoInteractions(comments);
    }

    @Test
    void aCommentsHistoryListsItsDecisions() throws Exception {
        when(comments.find(COMMENT)).thenReturn(Optional.of(comment()));
        when(decisions.history(COMMENT))
                .thenReturn(List.of(
                        new HistoryItem(Decision.HELD, List.of(new Reason("LINK", "A link.")), "RULES", AT, null, 3),
                        new HistoryItem(
                                Decision.APPROVED,
                                List.of(new Reason("MODERATOR_APPROVE", "Fine.")),
                                "mod-1",
                                AT.plusSeconds(60),
                                "Fine.",
                                3)));

        mvc.perform(asModerator(get("/api/comments/" + COMMENT + "/history")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.commentId").value(COMMENT.toString()))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].decision").value("HELD"))
                .andExpect(jsonPath("$.items[0].reasons[0].code").value("LINK"))
                .andExpect(jsonPath("$.items[0].decidedBy").value("RULES"))
                .andExpect(jsonPath("$.items[0].decidedAt").value("2026-12-01T10:00:00.123456Z"))
                .andExpect(jsonPath("$.items[0].rulesVersion").value(3))
                .andExpect(jsonPath("$.items[1].decision").value("APPROVED"))
                .andExpect(jsonPath("$.items[1].decidedBy").value("mod-1"))
                .andExpect(jsonPath("$.items[1].note").value("Fine."));
    }

    @Test
    void theHistoryOfAnUnknownCommentIsA404Problem() throws Exception {
        when(comments.find(COMMENT)).thenReturn(Optional.empty());

        mvc.perform(asModerator(get("/api/comments/" + COMMENT + "/history")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"))
                .andExpect(jsonPath("$.status").value(404));

        verifyNoInteractions(decisions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/moderation/queue", "/api/comments/" + "0192f0c1-0000-7000-8000-00000000000c/history"})
    void aReaderCannotSeeTheQueueOrAHistory(String path) throws Exception {
        mvc.perform(get(path).header("Authorization", "Bearer " + TOKENS.token("reader", List.of("READER"))))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/forbidden"))
                .andExpect(jsonPath("$.status").value(403));

        verifyNoInteractions(comments, decisions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/moderation/queue", "/api/comments/" + "0192f0c1-0000-7000-8000-00000000000c/history"})
    void withoutATokenTheModeratorViewsAre401Problems(String path) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
                .andExpect(jsonPath("$.status").value(401));

        verifyNoInteractions(comments, decisions);
    }

    @Test
    void anExpiredModeratorTokenIsA401Problem() throws Exception {
        mvc.perform(get("/api/moderation/queue").header("Authorization", "Bearer " + TOKENS.expiredToken()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"));

        verifyNoInteractions(comments, decisions);
    }

    private static Comment comment() {
        return new Comment(COMMENT, ARTICLE, null, "Ann", "Hi", CommentStatus.APPROVED, List.of(), AT);
    }

    private static MockHttpServletRequestBuilder asModerator(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer " + TOKENS.moderatorToken());
    }
}
