package news.comments.commentservice.report;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import news.comments.commentservice.config.WebSliceConfig;
import news.comments.testsupport.TestTokenIssuer;
import news.comments.web.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A reader's report over HTTP: open to everyone, validated, answered 202 with the report's id, and made in
 * the name of the signed-in reader, else of the client address the gateway resolved, else of the TCP peer.
 * {@link ReportService} stands in for the database and the outbox (the integration test covers those).
 */
@WebMvcTest(ReportController.class)
@Import(WebSliceConfig.class)
class ReportControllerWebTest {

    private static final UUID COMMENT = UUID.fromString("0192f0c1-0000-7000-8000-00000000000c");
    private static final UUID REPORT = UUID.fromString("0192f0c1-0000-7000-8000-0000000000ee");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ReportService reports;

    @Test
    void anAnonymousReaderReportsACommentAndGets202WithTheReportsId() throws Exception {
        when(reports.report(any(), any(), any())).thenReturn(REPORT);

        mvc.perform(report("{\"reason\":\"spam\"}").header(Reporter.CLIENT_HEADER, "203.0.113.9"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").value(REPORT.toString()));

        verify(reports).report(COMMENT, new NewReport("spam"), new Reporter("addr", "203.0.113.9"));
    }

    @Test
    void withoutTheGatewaysHeaderTheReporterIsTheCallersAddress() throws Exception {
        when(reports.report(any(), any(), any())).thenReturn(REPORT);

        mvc.perform(report("{\"reason\":\"spam\"}").with(request -> {
                    request.setRemoteAddr("198.51.100.7");
                    return request;
                }))
                .andExpect(status().isAccepted());

        verify(reports).report(COMMENT, new NewReport("spam"), new Reporter("addr", "198.51.100.7"));
    }

    @Test
    void aSignedInReaderReportsInTheirOwnNameWhateverTheirAddress() throws Exception {
        when(reports.report(any(), any(), any())).thenReturn(REPORT);
        String token = TestTokenIssuer.shared().token("reader-42", List.of("READER"));

        mvc.perform(report("{\"reason\":\"spam\"}")
                        .header("Authorization", "Bearer " + token)
                        .header(Reporter.CLIENT_HEADER, "203.0.113.9"))
                .andExpect(status().isAccepted());

        verify(reports).report(COMMENT, new NewReport("spam"), new Reporter("sub", "reader-42"));
    }

    @Test
    void aReportWithoutAReasonIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(report("{\"reason\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors.reason").exists());

        verifyNoInteractions(reports);
    }

    @Test
    void aReasonOver500CharactersIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(report("{\"reason\":\"" + "x".repeat(501) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.errors.reason").exists());

        verifyNoInteractions(reports);
    }

    @Test
    void aReportWithoutABodyIsA400Problem() throws Exception {
        mvc.perform(post("/api/comments/" + COMMENT + "/reports").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"));

        verifyNoInteractions(reports);
    }

    @Test
    void reportingAnUnknownCommentIsA404Problem() throws Exception {
        when(reports.report(any(), any(), any())).thenThrow(ProblemException.notFound("No comment " + COMMENT));

        mvc.perform(report("{\"reason\":\"spam\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void aCommentIdThatIsNotAUuidIsA400Problem() throws Exception {
        mvc.perform(post("/api/comments/latest/reports")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"spam\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value(containsString("commentId")));

        verifyNoInteractions(reports);
    }

    @Test
    void aTokenThatIsNotValidIsA401ProblemEvenWhereNoneIsNeeded() throws Exception {
        mvc.perform(report("{\"reason\":\"spam\"}")
                        .header(
                                "Authorization",
                                "Bearer " + TestTokenIssuer.shared().tokenSignedByAnotherKey()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"));

        verifyNoInteractions(reports);
    }

    private static MockHttpServletRequestBuilder report(String body) {
        return post("/api/comments/" + COMMENT + "/reports")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }
}
