package news.comments.commentservice.report;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReportController {

    record Accepted(UUID id) {}

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    /** 202 with the report's id; the same reader reporting the same comment again gets the first id back. */
    @PostMapping("/api/comments/{commentId}/reports")
    ResponseEntity<Accepted> report(
            @PathVariable UUID commentId,
            @Valid @RequestBody NewReport body,
            HttpServletRequest request,
            Authentication authentication) {
        return ResponseEntity.accepted()
                .body(new Accepted(reports.report(commentId, body, Reporter.of(request, authentication))));
    }
}
