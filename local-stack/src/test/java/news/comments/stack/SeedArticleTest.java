package news.comments.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedArticleTest {

    private final SeedArticle article = SeedArticle.load();

    @Test
    void titleIsTheFirstLineOfThePage() {
        assertThat(article.title()).isEqualTo("Trump claims that Iran hacked his campaign");
    }

    @Test
    void bodyIsTheStoryFromFirstParagraphToSourceLine() {
        assertThat(article.paragraphs().get(0))
                .startsWith("Donald Trump has alleged that some internal communications");
        assertThat(article.paragraphs().get(article.paragraphs().size() - 1)).isEqualTo("Source: LIB");
        assertThat(article.paragraphs()).hasSize(12);
        assertThat(article.body()).contains("\n\nFollowing a report from the news website Politico");
    }

    @Test
    void pageFurnitureIsNotPartOfTheBody() {
        assertThat(article.body())
                .doesNotContain("See also")
                .doesNotContain("Please follow and like us")
                .doesNotContain("thought on")
                .doesNotContain("Comments are closed.")
                .doesNotContain("Kambala")
                .doesNotContain(article.title());
    }

    @Test
    void aPlainPageParsesIntoTitleAndParagraphs() {
        SeedArticle parsed =
                SeedArticle.parse("Title\n\nTitle\n\nFirst sentence.\n\n2 thoughts on “Title\n\nComments are closed.");
        assertThat(parsed.title()).isEqualTo("Title");
        assertThat(parsed.paragraphs()).containsExactly("First sentence.");
    }
}
