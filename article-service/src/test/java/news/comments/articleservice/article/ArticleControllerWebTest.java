package news.comments.articleservice.article;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import news.comments.articleservice.config.WebSliceConfig;
import news.comments.testsupport.TestTokenIssuer;
import news.comments.web.problem.ProblemException;
import org.junit.jupiter.api.BeforeEach;
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
 * The article endpoints over HTTP: mapping, validation, problem answers, JSON shape and who may call what,
 * with real signed tokens. {@link ArticleService} stands in for the database and the outbox (the
 * integration test covers those).
 */
@WebMvcTest(ArticleController.class)
@Import(WebSliceConfig.class)
class ArticleControllerWebTest {

    private static final TestTokenIssuer TOKENS = TestTokenIssuer.shared();
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final UUID ID = UUID.fromString("0192f0c1-0000-7000-8000-000000000001");
    private static final String VALID = "{\"title\":\"Election night\",\"body\":\"Results as they come in.\"}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ArticleService service;

    @BeforeEach
    void clock() {
        when(service.now()).thenReturn(NOW);
    }

    // --- reading: open to everyone ---

    @Test
    void anyoneReadsAPageOfArticlesWithoutAToken() throws Exception {
        Article article = article().close(NOW.minusSeconds(60), "mod", "enough");
        when(service.page(1, 2))
                .thenReturn(new ArticlePage(List.of(ArticleResponse.of(new CountedArticle(article, 3), NOW)), 1, 2, 3));

        mvc.perform(get("/api/articles").param("page", "1").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[0].id").value(ID.toString()))
                .andExpect(jsonPath("$.items[0].commentsOpen").value(false))
                .andExpect(jsonPath("$.items[0].commentCount").value(3))
                .andExpect(jsonPath("$.items[0].version").value(2));
    }

    @Test
    void aPageWithoutParametersIsTheFirstTwenty() throws Exception {
        when(service.page(0, 20)).thenReturn(new ArticlePage(List.of(), 0, 20, 0));

        mvc.perform(get("/api/articles"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());

        verify(service).page(0, 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=0", "size=101", "page=-1", "size=many"})
    void aPageOutOfRangeIsA400ProblemAndReadsNothing(String query) throws Exception {
        mvc.perform(get("/api/articles?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.status").value(400));

        verify(service, never()).page(anyInt(), anyInt());
    }

    @Test
    void anArticleIsAnsweredWithItsCommentCountAndWhetherCommentsAreOpenNow() throws Exception {
        Article scheduled = new Article(
                ID,
                "Election night",
                "Results as they come in.",
                NOW.minusSeconds(3600),
                "mod",
                null,
                null,
                null,
                NOW.plusSeconds(60),
                1,
                NOW.minusSeconds(3600));
        when(service.get(ID)).thenReturn(new CountedArticle(scheduled, 7));

        mvc.perform(get("/api/articles/" + ID))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(ID.toString()))
                .andExpect(jsonPath("$.title").value("Election night"))
                .andExpect(jsonPath("$.body").value("Results as they come in."))
                .andExpect(jsonPath("$.publishedAt").value("2026-12-01T09:00:00Z"))
                .andExpect(jsonPath("$.commentsOpen").value(true))
                .andExpect(jsonPath("$.closedAt").doesNotExist())
                .andExpect(jsonPath("$.autoCloseAt").value("2026-12-01T10:01:00Z"))
                .andExpect(jsonPath("$.commentCount").value(7))
                .andExpect(jsonPath("$.version").value(1))
                // nothing internal leaks into the answer
                .andExpect(jsonPath("$.createdBy").doesNotExist())
                .andExpect(jsonPath("$.closeReason").doesNotExist());
    }

    @Test
    void anUnknownArticleIsA404Problem() throws Exception {
        when(service.get(ID)).thenThrow(ProblemException.notFound("No article " + ID + "."));

        mvc.perform(get("/api/articles/" + ID))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void anArticleIdThatIsNotAUuidIsA400Problem() throws Exception {
        mvc.perform(get("/api/articles/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value(containsString("articleId")));

        verifyNoInteractions(service);
    }

    // --- publishing, closing, reopening: moderators only ---

    @Test
    void aModeratorPublishesAnArticleAnd201PointsToIt() throws Exception {
        when(service.publish(any(), anyString())).thenReturn(new CountedArticle(article(), 0));

        mvc.perform(as(TOKENS.moderatorToken(), post("/api/articles").content(VALID)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/articles/" + ID))
                .andExpect(jsonPath("$.id").value(ID.toString()))
                .andExpect(jsonPath("$.commentsOpen").value(true))
                .andExpect(jsonPath("$.commentCount").value(0));

        verify(service)
                .publish(new NewArticleRequest("Election night", "Results as they come in.", null), "test-moderator");
    }

    @Test
    void anArticleWithoutATitleIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(as(TOKENS.moderatorToken(), post("/api/articles").content("{\"title\":\" \",\"body\":\"B\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors.title").exists())
                .andExpect(jsonPath("$.errors.body").doesNotExist());

        verifyNoInteractions(service);
    }

    @Test
    void anAutoCloseInThePastIsA400ProblemNamingTheField() throws Exception {
        String body = "{\"title\":\"T\",\"body\":\"B\",\"autoCloseAt\":\"2020-01-01T00:00:00Z\"}";

        mvc.perform(as(TOKENS.moderatorToken(), post("/api/articles").content(body)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors.autoCloseAt").exists());

        verifyNoInteractions(service);
    }

    @Test
    void anUnknownFieldIsA400ProblemNamingIt() throws Exception {
        String body = "{\"title\":\"T\",\"body\":\"B\",\"commentsOpen\":false}";

        mvc.perform(as(TOKENS.moderatorToken(), post("/api/articles").content(body)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value(containsString("commentsOpen")));

        verifyNoInteractions(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/articles", "/api/articles/" + "{id}/close", "/api/articles/" + "{id}/reopen"})
    void aReaderCannotPublishCloseOrReopenAThread(String path) throws Exception {
        String reader = TOKENS.token("reader", List.of("READER"));

        mvc.perform(as(reader, post(path.replace("{id}", ID.toString())).content(VALID)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/forbidden"))
                .andExpect(jsonPath("$.status").value(403));

        verifyNoInteractions(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/articles", "/api/articles/" + "{id}/close", "/api/articles/" + "{id}/reopen"})
    void withoutATokenModeratorCallsAre401ProblemsWithABearerChallenge(String path) throws Exception {
        mvc.perform(post(path.replace("{id}", ID.toString()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
                .andExpect(jsonPath("$.status").value(401));

        verifyNoInteractions(service);
    }

    @Test
    void aTokenSignedByAnotherKeyIsA401Problem() throws Exception {
        mvc.perform(as(TOKENS.tokenSignedByAnotherKey(), post("/api/articles").content(VALID)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"));

        verifyNoInteractions(service);
    }

    @Test
    void aModeratorClosesAThreadWithAReason() throws Exception {
        Article closed = article().close(NOW, "test-moderator", "spam wave");
        when(service.close(ID, "test-moderator", "spam wave")).thenReturn(new CountedArticle(closed, 4));

        mvc.perform(as(
                        TOKENS.moderatorToken(),
                        post("/api/articles/" + ID + "/close").content("{\"reason\":\"spam wave\"}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.commentsOpen").value(false))
                .andExpect(jsonPath("$.closedAt").value("2026-12-01T10:00:00Z"))
                .andExpect(jsonPath("$.commentCount").value(4))
                .andExpect(jsonPath("$.version").value(2));

        verify(service).close(ID, "test-moderator", "spam wave");
    }

    @Test
    void aCloseWithoutABodyGivesNoReason() throws Exception {
        when(service.close(eq(ID), eq("test-moderator"), isNull()))
                .thenReturn(new CountedArticle(article().close(NOW, "test-moderator", null), 0));

        mvc.perform(post("/api/articles/" + ID + "/close").header("Authorization", "Bearer " + TOKENS.moderatorToken()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.commentsOpen").value(false));

        verify(service).close(ID, "test-moderator", null);
    }

    @Test
    void aCloseReasonOver1000CharactersIsA400ProblemNamingTheField() throws Exception {
        String body = "{\"reason\":\"" + "x".repeat(1001) + "\"}";

        mvc.perform(as(
                        TOKENS.moderatorToken(),
                        post("/api/articles/" + ID + "/close").content(body)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors.reason").exists());

        verifyNoInteractions(service);
    }

    @Test
    void aModeratorReopensAThread() throws Exception {
        when(service.reopen(ID)).thenReturn(new CountedArticle(article(), 2));

        mvc.perform(post("/api/articles/" + ID + "/reopen")
                        .header("Authorization", "Bearer " + TOKENS.moderatorToken()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.commentsOpen").value(true))
                .andExpect(jsonPath("$.commentCount").value(2));

        verify(service).reopen(ID);
    }

    @Test
    void closingAnUnknownArticleIsA404Problem() throws Exception {
        when(service.close(eq(ID), anyString(), any())).thenThrow(ProblemException.notFound("No article " + ID + "."));

        mvc.perform(post("/api/articles/" + ID + "/close").header("Authorization", "Bearer " + TOKENS.moderatorToken()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
    }

    private static Article article() {
        return Article.publish(ID, "Election night", "Results as they come in.", null, "test-moderator", NOW);
    }

    private static MockHttpServletRequestBuilder as(String token, MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON);
    }
}
