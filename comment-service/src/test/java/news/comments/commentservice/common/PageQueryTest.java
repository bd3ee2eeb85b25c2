package news.comments.commentservice.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import news.comments.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PageQueryTest {

    @Test
    void missingParametersMeanTheFirstPageOfTwenty() {
        assertThat(PageQuery.of(null, null)).isEqualTo(new PageQuery(0, 20));
    }

    @Test
    void theOffsetSkipsWholePages() {
        assertThat(PageQuery.of(3, 25).offset()).isEqualTo(75);
    }

    @Test
    void aNegativePageOrASizeOutsideOneToAHundredIsABadRequest() {
        assertThatThrownBy(() -> PageQuery.of(-1, 10)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageQuery.of(0, 0)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageQuery.of(0, 101)).isInstanceOf(ProblemException.class);
        assertThat(PageQuery.of(0, 100).size()).isEqualTo(100);
    }
}
