package news.comments.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reference article (a saved news page) reduced to its title and the paragraphs of the story:
 * the page furniture around it (repeated title, related-story links, share prompts, the comment
 * count and the "Comments are closed." notice) is not part of the article.
 */
record SeedArticle(String title, List<String> paragraphs) {

    static final String RESOURCE = "/seed/seed-article.txt";

    private static final Pattern COMMENT_COUNT = Pattern.compile("^\\d+\\s+thoughts?\\s+on\\b.*");
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?:\"”’)]$");

    SeedArticle {
        paragraphs = List.copyOf(paragraphs);
    }

    /** The body as the API takes it: paragraphs separated by a blank line. */
    String body() {
        return String.join("\n\n", paragraphs);
    }

    static SeedArticle load() {
        try (InputStream in = SeedArticle.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SeedArticle parse(String page) {
        List<String> lines =
                page.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("The seed article is empty");
        }
        String title = lines.get(0);
        List<String> paragraphs = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (isFurniture(line, title)) {
                continue;
            }
            // Before the story starts, a line that is not a sentence is a link to another story's
            // headline (e.g. "Donald Trump Keeps Targeting ..."), not part of this article.
            if (paragraphs.isEmpty() && !SENTENCE_END.matcher(line).matches()) {
                continue;
            }
            paragraphs.add(line);
        }
        if (paragraphs.isEmpty()) {
            throw new IllegalArgumentException("The seed article has no paragraphs");
        }
        return new SeedArticle(title, paragraphs);
    }

    private static boolean isFurniture(String line, String title) {
        return line.equals(title)
                || line.startsWith("See also")
                || line.equals("Please follow and like us:")
                || COMMENT_COUNT.matcher(line).matches()
                || line.equals("Comments are closed.");
    }
}
