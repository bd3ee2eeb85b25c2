package news.comments.commentservice;

import static org.assertj.core.api.Assertions.assertThat;

import news.comments.testsupport.contract.MappedEndpoints;
import news.comments.testsupport.contract.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Nothing comment-service answers is missing from the contract, docs/openapi.yaml. */
class ContractIntegrationTest extends IntegrationTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping requestMappings;

    @Test
    void everyEndpointThisServiceMapsIsDocumentedInTheContract() {
        assertThat(MappedEndpoints.of(requestMappings)).isNotEmpty();
        assertThat(MappedEndpoints.undocumented(requestMappings, OpenApiContract.fromClasspath()))
                .as("mapped here but missing from docs/openapi.yaml")
                .isEmpty();
    }
}
