package news.comments.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

class ApiAccessTest {

    @Test
    void closingAndReopeningAThreadIsForModeratorsWithAnyMethod() {
        for (HttpMethod method : HttpMethod.values()) {
            assertThat(decide(ApiAccess.ARTICLE_SERVICE, method, "/api/articles/a1/close"))
                    .isEqualTo(Decision.MODERATOR);
            assertThat(decide(ApiAccess.ARTICLE_SERVICE, method, "/api/articles/a1/reopen"))
                    .isEqualTo(Decision.MODERATOR);
        }
    }

    @Test
    void readersReadArticlesAndCommentsAndPostAndReportComments() {
        assertThat(decide(ApiAccess.ARTICLE_SERVICE, HttpMethod.GET, "/api/articles/a1"))
                .isEqualTo(Decision.OPEN);
        assertThat(decide(ApiAccess.COMMENT_SERVICE, HttpMethod.HEAD, "/api/articles/a1/comments/stream"))
                .isEqualTo(Decision.OPEN);
        assertThat(decide(ApiAccess.COMMENT_SERVICE, HttpMethod.POST, "/api/articles/a1/comments"))
                .isEqualTo(Decision.OPEN);
        assertThat(decide(ApiAccess.COMMENT_SERVICE, HttpMethod.POST, "/api/comments/c1/reports"))
                .isEqualTo(Decision.OPEN);
    }

    @Test
    void whatIsNotListedIsAModeratorsCall() {
        assertThat(decide(ApiAccess.ARTICLE_SERVICE, HttpMethod.POST, "/api/articles"))
                .isEqualTo(Decision.MODERATOR);
        assertThat(decide(ApiAccess.COMMENT_SERVICE, HttpMethod.DELETE, "/api/comments/c1"))
                .isEqualTo(Decision.MODERATOR);
        assertThat(decide(ApiAccess.COMMENT_SERVICE, HttpMethod.GET, "/api/comments/c1/history"))
                .isEqualTo(Decision.MODERATOR);
        assertThat(decide(ApiAccess.MODERATION_SERVICE, HttpMethod.GET, "/api/moderation/rules"))
                .isEqualTo(Decision.MODERATOR);
    }

    @Test
    void aGetReaderEndpointAlsoOpensHeadAndNothingElse() {
        AccessRules rules = AccessRules.moderatorOnly().readers(HttpMethod.GET, "/api/things/*");

        assertThat(rules.readerEndpoints())
                .containsExactly(
                        new AccessRules.ReaderEndpoint(HttpMethod.GET, "/api/things/*"),
                        new AccessRules.ReaderEndpoint(HttpMethod.HEAD, "/api/things/*"));
    }

    @Test
    void theGatewayAppliesEveryServicesRulesEachOnce() {
        AccessRules all = ApiAccess.ALL_SERVICES;

        assertThat(all.moderatorPaths())
                .doesNotHaveDuplicates()
                .containsAll(ApiAccess.ARTICLE_SERVICE.moderatorPaths())
                .containsAll(ApiAccess.COMMENT_SERVICE.moderatorPaths())
                .containsAll(ApiAccess.MODERATION_SERVICE.moderatorPaths());
        assertThat(all.readerEndpoints())
                .doesNotHaveDuplicates()
                .containsAll(ApiAccess.ARTICLE_SERVICE.readerEndpoints())
                .containsAll(ApiAccess.COMMENT_SERVICE.readerEndpoints());
        assertThat(ApiAccess.MODERATION_SERVICE.readerEndpoints()).isEmpty();
    }

    @Test
    void noReaderEndpointLiesUnderAModeratorPath() {
        AccessRules all = ApiAccess.ALL_SERVICES;
        for (AccessRules.ReaderEndpoint endpoint : all.readerEndpoints()) {
            String example = endpoint.pattern().replace("*", "x");
            assertThat(decide(all, endpoint.method(), example))
                    .as(endpoint.method() + " " + example)
                    .isEqualTo(Decision.OPEN);
        }
    }

    enum Decision {
        OPEN,
        MODERATOR
    }

    /** The rules as the gateway and the services apply them: moderator paths, reader endpoints, deny. */
    private static Decision decide(AccessRules rules, HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (String pattern : rules.moderatorPaths()) {
            if (PathPatternParser.defaultInstance.parse(pattern).matches(container)) {
                return Decision.MODERATOR;
            }
        }
        for (AccessRules.ReaderEndpoint endpoint : rules.readerEndpoints()) {
            if (endpoint.method().equals(method)
                    && PathPatternParser.defaultInstance
                            .parse(endpoint.pattern())
                            .matches(container)) {
                return Decision.OPEN;
            }
        }
        return Decision.MODERATOR;
    }
}
