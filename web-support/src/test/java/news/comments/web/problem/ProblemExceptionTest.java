package news.comments.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class ProblemExceptionTest {

    @Test
    void aProblemTakesSlugTitleAndStatusFromItsType() {
        ProblemException problem = new ProblemException(ProblemType.SERVICE_BUSY, "Too many streams.");

        assertThat(problem.status().value()).isEqualTo(503);
        assertThat(problem.type()).hasToString("/problems/service-busy");
        assertThat(problem.title()).isEqualTo("Service busy.");
        assertThat(problem.detail()).isEqualTo("Too many streams.");
    }

    @Test
    void aBareStatusWithATypeInTheCatalogueIsAnsweredWithThatType() {
        ProblemException problem = ProblemException.forStatus(413, "Too big.");

        assertThat(problem.slug()).isEqualTo("payload-too-large");
        assertThat(problem.title()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE.title());
    }

    @Test
    void aBareStatusWithoutATypeInTheCatalogueIsAnsweredAsHttpAndItsStatus() {
        ProblemException problem = ProblemException.forStatus(409, "Conflict.");

        assertThat(problem.status().value()).isEqualTo(409);
        assertThat(problem.type()).hasToString("/problems/http-409");
        assertThat(problem.title()).isEqualTo("Error 409.");
    }

    @Test
    void theProblemDetailCarriesTheStandardMembersAndTheExtraOnes() {
        ProblemDetail detail = ProblemException.badRequest("The body has invalid fields.")
                .withProperty("errors", Map.of("name", "must not be blank"))
                .toProblemDetail();

        assertThat(detail.getStatus()).isEqualTo(400);
        assertThat(detail.getType()).hasToString("/problems/invalid-request");
        assertThat(detail.getTitle()).isEqualTo("Invalid request.");
        assertThat(detail.getDetail()).isEqualTo("The body has invalid fields.");
        assertThat(detail.getProperties()).containsEntry("errors", Map.of("name", "must not be blank"));
    }

    @Test
    void headersGoWithTheAnswer() {
        ProblemException problem =
                new ProblemException(ProblemType.TOO_MANY_REQUESTS, "Slow down.").withHeader("Retry-After", "3");

        assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("3");
    }

    @Test
    void aProblemIsAnAnswerNotAFaultAndCarriesNoStackTrace() {
        assertThat(ProblemException.notFound("No comment.").getStackTrace()).isEmpty();
    }
}
