package news.comments.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    /** A row of the catalogue table in the contract's Problem schema: | `slug` | status | title | */
    private static final Pattern CONTRACT_ROW =
            Pattern.compile("^\\s*\\| `([a-z0-9-]+)` \\| (\\d{3}) \\| (.+?) \\|\\s*$", Pattern.MULTILINE);

    @Test
    void everyProblemTypeHasOneTitleAndAUniqueSlug() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug))
                .doesNotHaveDuplicates()
                .allMatch(slug -> slug.matches("[a-z0-9]+(-[a-z0-9]+)*"))
                .noneMatch(slug -> slug.startsWith(ProblemType.BARE_STATUS_PREFIX));
        assertThat(ProblemType.values())
                .allSatisfy(type -> assertThat(type.title())
                        .as(type.slug())
                        .matches("[A-Z].*[^.]\\.")
                        // Tomcat's error valve writes them into JSON by hand.
                        .doesNotContain("  ", "\"", "\\"));
    }

    @Test
    void theContractTitleOfClosedCommentsIsKept() {
        assertThat(ProblemType.COMMENTS_CLOSED.title()).isEqualTo("Comments are closed.");
        assertThat(ProblemType.COMMENTS_CLOSED.uri()).hasToString("/problems/comments-closed");
    }

    @Test
    void aBareStatusIsAnsweredWithTheGeneralTypeOfItsStatus() {
        assertThat(ProblemType.forStatus(400)).contains(ProblemType.INVALID_REQUEST);
        assertThat(ProblemType.forStatus(401)).contains(ProblemType.UNAUTHORIZED);
        assertThat(ProblemType.forStatus(413)).contains(ProblemType.PAYLOAD_TOO_LARGE);
        assertThat(ProblemType.forStatus(503)).contains(ProblemType.SERVICE_UNAVAILABLE);
        assertThat(ProblemType.forStatus(409)).as("only domain types for 409").isEmpty();
        assertThat(ProblemType.forStatus(418)).isEmpty();
    }

    @Test
    void noStatusHasTwoTypesForBareAnswers() {
        assertThat(Arrays.stream(ProblemType.values())
                        .filter(ProblemType::answersBareStatus)
                        .map(ProblemType::status))
                .doesNotHaveDuplicates();
    }

    @Test
    void theContractListsEveryProblemTypeWithItsStatusAndTitle() throws IOException {
        String contract = Files.readString(Path.of("..", "docs", "openapi.yaml"));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = CONTRACT_ROW.matcher(contract);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) + " " + row.group(3));
        }
        Map<String, String> catalogue = Arrays.stream(ProblemType.values())
                .collect(Collectors.toMap(
                        ProblemType::slug,
                        type -> type.status().value() + " " + type.title(),
                        (a, b) -> a,
                        TreeMap::new));
        assertThat(documented).isEqualTo(catalogue);
    }
}
