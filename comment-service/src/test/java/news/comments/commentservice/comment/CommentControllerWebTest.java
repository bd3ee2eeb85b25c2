package news.comments.commentservice.comment;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
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
import java.util.Optional;
import java.util.UUID;
import news.comments.commentservice.article.Articles;
import news.comments.commentservice.common.PageQuery;
import news.comments.commentservice.config.WebSliceConfig;
import news.comments.events.ArticleState;
import news.comments.events.Reason;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The reader's comment endpoints over HTTP: posting, a thread's pages and one comment's status, with their
 * validation and problem answers. The submission, the repository, the thread totals and the article copy
 * stand in for the database and Kafka (the integration tests cover those).
 */
@WebMvcTest(CommentController.class)
@Import(WebSliceConfig.class)
class CommentControllerWebTest {

    private static final UUID ARTICLE = UUID.fromString("0192f0c1-0000-7000-8000-00000000000a");
    private static final UUID COMMENT = UUID.fromString("0192f0c1-0000-7000-8000-00000000000c");
    private static final UUID PARENT = UUID.fromString("0192f0c1-0000-7000-8000-00000000000b");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123456Z");
    private static final ArticleState OPEN = new ArticleState(ARTICLE, "Election night", true, null, null, 1, AT);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CommentSubmission submission;

    @MockitoBean
    CommentRepository comments;

    @MockitoBean
    ThreadTotals threadTotals;

    @MockitoBean
    Articles articles;

    // --- posting ---

    @Test
    void aReaderPostsACommentWithoutATokenAndGets202PointingToIt() throws Exception {
        when(articles.require(ARTICLE)).thenReturn(OPEN);
        when(submission.submit(any(), any(), any())).thenReturn(COMMENT);

        mvc.perform(post("/api/articles/" + ARTICLE + "/comments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"author\":\"Ann\",\"text\":\"Well said.\",\"parentId\":\"" + PARENT + "\"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/comments/" + COMMENT))
                .andExpect(jsonPath("$.id").value(COMMENT.toString()))
                .andExpect(jsonPath("$.status").value("PENDING"));

        verify(submission).submit(OPEN, new NewComment("Ann", "Well said.", PARENT), null);
    }

    @Test
    void theIdempotencyKeyGoesWithTheSubmission() throws Exception {
        when(articles.require(ARTICLE)).thenReturn(OPEN);
        when(submission.submit(any(), any(), any())).thenReturn(COMMENT);

        mvc.perform(post("/api/articles/" + ARTICLE + "/comments")
                        .header("Idempotency-Key", "retry-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"author\":\"Ann\",\"text\":\"Well said.\"}"))
                .andExpect(status().isAccepted());

        verify(submission).submit(OPEN, new NewComment("Ann", "Well said.", null), "retry-1");
    }

    @Test
    void aCommentWithoutTextIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(post("/api/articles/" + ARTICLE + "/comments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"author\":\"Ann\",\"text\":\"   \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors.text").exists())
                .andExpect(jsonPath("$.errors.author").doesNotExist());

        verifyNoInteractions(articles, submission);
    }

    @Test
    void anAuthorOver80CharactersIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(post("/api/articles/" + ARTICLE + "/comments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"author\":\"" + "a".repeat(81) + "\",\"text\":\"Hi\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors.author").exists());

        verifyNoInteractions(articles, submission);
    }

    @Test
    void aParentIdThatIsNotAUuidIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(post("/api/articles/" + ARTICLE + "/comments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"author\":\"Ann\",\"text\":\"Hi\",\"parentId\":\"first\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value(containsString("parentId")));

        verifyNoInteractions(articles, submission);
    }

    @Test
    void aFieldTheApiDoesNotKnowIsA400Problem() throws Exception {
        mvc.perform(post("/api/articles/" + ARTICLE + "/comments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"author\":\"Ann\",\"text\":\"Hi\",\"status\":\"APPROVED\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value(containsString("status")));

        verifyNoInteractions(articles, submission);
    }

    @Test
    void aCommentThatIsNotJsonIsA415Problem() throws Exception {
        mvc.perform(post("/api/articles/" + ARTICLE + "/comments")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("Well said."))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/unsupported-media-type"))
                .andExpect(jsonPath("$.status").value(415));

        verifyNoInteractions(articles, submission);
    }

    @Test
    void aCommentOnAnUnknownArticleIsA404Problem() throws Exception {
        when(articles.require(ARTICLE)).thenThrow(ProblemException.notFound("No article " + ARTICLE));

        mvc.perform(post("/api/articles/" + ARTICLE + "/comments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"author\":\"Ann\",\"text\":\"Hi\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"))
                .andExpect(jsonPath("$.status").value(404));

        verifyNoInteractions(submission);
    }

    @Test
    void aCommentOnAClosedThreadIsA409Problem() throws Exception {
        when(articles.require(ARTICLE)).thenReturn(OPEN);
        when(submission.submit(any(), any(), any()))
                .thenThrow(new ProblemException(ProblemType.COMMENTS_CLOSED, "Closed at " + AT + "."));

        mvc.perform(post("/api/articles/" + ARTICLE + "/comments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"author\":\"Ann\",\"text\":\"Hi\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/comments-closed"))
                .andExpect(jsonPath("$.status").value(409));
    }

    // --- a thread's pages ---

    @Test
    void aThreadPageByNumberCarriesTheTotalAndTheCursorOfTheNextPage() throws Exception {
        ThreadCursor next = new ThreadCursor("20261201100000123456" + COMMENT);
        when(articles.require(ARTICLE)).thenReturn(OPEN);
        when(comments.approvedThread(ARTICLE, new PageQuery(1, 2)))
                .thenReturn(new CommentRepository.ThreadPage(
                        List.of(approved(PARENT, null), approved(COMMENT, PARENT)), next));
        when(threadTotals.approved(ARTICLE)).thenReturn(5L);

        mvc.perform(get("/api/articles/" + ARTICLE + "/comments")
                        .param("page", "1")
                        .param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.articleId").value(ARTICLE.toString()))
                .andExpect(jsonPath("$.commentsOpen").value(true))
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.next").value(next.toString()))
                .andExpect(jsonPath("$.comments.length()").value(2))
                .andExpect(jsonPath("$.comments[1].id").value(COMMENT.toString()))
                .andExpect(jsonPath("$.comments[1].parentId").value(PARENT.toString()))
                .andExpect(jsonPath("$.comments[1].author").value("Ann"))
                .andExpect(jsonPath("$.comments[1].text").value("Well said."))
                .andExpect(jsonPath("$.comments[1].createdAt").value("2026-12-01T10:00:00.123456Z"))
                // what moderation knows stays out of the reader's view
                .andExpect(jsonPath("$.comments[1].status").doesNotExist())
                .andExpect(jsonPath("$.comments[1].reasons").doesNotExist());
    }

    @Test
    void aThreadPageAfterACursorHasNoPageNumberAndTheLastHasNoNext() throws Exception {
        ThreadCursor after = new ThreadCursor("20261201100000123456" + PARENT);
        when(articles.require(ARTICLE)).thenReturn(OPEN);
        when(comments.approvedThread(ARTICLE, after, 20))
                .thenReturn(new CommentRepository.ThreadPage(List.of(approved(COMMENT, null)), null));
        when(threadTotals.approved(ARTICLE)).thenReturn(2L);

        mvc.perform(get("/api/articles/" + ARTICLE + "/comments").param("after", after.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").doesNotExist())
                .andExpect(jsonPath("$.next").doesNotExist())
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.comments[0].id").value(COMMENT.toString()));

        verify(comments).approvedThread(ARTICLE, after, 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0&after=MjAy", "after=not-a-cursor!", "after=L2V0Yy9wYXNzd2Q", "size=101", "page=-1"})
    void aBadPageRequestIsA400ProblemAndReadsNothing(String query) throws Exception {
        mvc.perform(get("/api/articles/" + ARTICLE + "/comments?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.status").value(400));

        verifyNoInteractions(comments, threadTotals);
    }

    @Test
    void theThreadOfAnUnknownArticleIsA404Problem() throws Exception {
        when(articles.require(ARTICLE)).thenThrow(ProblemException.notFound("No article " + ARTICLE));

        mvc.perform(get("/api/articles/" + ARTICLE + "/comments"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/not-found"));

        verifyNoInteractions(comments, threadTotals);
    }

    @Test
    void aClosedThreadSaysSo() throws Exception {
        ArticleState closed = new ArticleState(ARTICLE, "Election night", false, AT, null, 2, AT);
        when(articles.require(ARTICLE)).thenReturn(closed);
        when(comments.approvedThread(any(), any(PageQuery.class)))
                .thenReturn(new CommentRepository.ThreadPage(List.of(), null));

        mvc.perform(get("/api/articles/" + ARTICLE + "/comments"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.commentsOpen").value(false))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20));
    }

    // --- one comment ---

    @Test
    void aPendingCommentShowsItsStatusButNotItsAuthorOrText() throws Exception {
        when(comments.find(COMMENT))
                .thenReturn(Optional.of(new Comment(
                        COMMENT, ARTICLE, PARENT, "Ann", "Well said.", CommentStatus.PENDING, List.of(), AT)));

        mvc.perform(get("/api/comments/" + COMMENT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(COMMENT.toString()))
                .andExpect(jsonPath("$.articleId").value(ARTICLE.toString()))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.reasons").isEmpty())
                .andExpect(jsonPath("$.submittedAt").value("2026-12-01T10:00:00.123456Z"))
                .andExpect(jsonPath("$.author").doesNotExist())
                .andExpect(jsonPath("$.text").doesNotExist())
                .andExpect(jsonPath("$.parentId").doesNotExist());
    }

    @Test
    void anApprovedCommentShowsAuthorTextParentAndTheReasons() throws Exception {
        when(comments.find(COMMENT)).thenReturn(Optional.of(approved(COMMENT, PARENT)));

        mvc.perform(get("/api/comments/" + COMMENT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.reasons[0].code").value("CLEAN"))
                .andExpect(jsonPath("$.reasons[0].text").value("No rule matched."))
                .andExpect(jsonPath("$.author").value("Ann"))
                .andExpect(jsonPath("$.text").value("Well said."))
                .andExpect(jsonPath("$.parentId").value(PARENT.toString()));
    }

    @Test
    void anUnknownCommentIsA404Problem() throws Exception {
        when(comments.find(COMMENT)).thenReturn(Optional.empty());

        mvc.perform(get("/api/comments/" + COMMENT))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void aCommentIdThatIsNotAUuidIsA400Problem() throws Exception {
        mvc.perform(get("/api/comments/42"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value(containsString("commentId")));

        verifyNoInteractions(comments);
    }

    private static Comment approved(UUID id, UUID parent) {
        return new Comment(
                id,
                ARTICLE,
                parent,
                "Ann",
                "Well said.",
                CommentStatus.APPROVED,
                List.of(new Reason("CLEAN", "No rule matched.")),
                AT);
    }
}
