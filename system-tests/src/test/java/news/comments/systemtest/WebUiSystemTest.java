package news.comments.systemtest;

import static news.comments.systemtest.Scenario.EVENTUALLY;
import static news.comments.systemtest.Scenario.awaitDecision;
import static news.comments.systemtest.Scenario.commentsPath;
import static news.comments.systemtest.Scenario.createArticle;
import static news.comments.systemtest.Scenario.postCommentOnceArticleIsKnown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import news.comments.systemtest.SharedStack.SystemUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser: headless Chromium driven through Selenium against the whole stack,
 * as a reader and a moderator use it. Screenshots of every page go to target/screenshots/.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (.ci/run installs them); where they
 * are missing the class is skipped, with the reason in the build output, before the stack starts.
 */
@EnabledIf(
        value = "chromiumInstalled",
        disabledReason = "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)")
@ExtendWith(SharedStack.class)
class WebUiSystemTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("webui.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webui.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static SystemUnderTest system;
    private static Api api;
    private static String moderatorToken;
    private static Path browserProfile;
    private static ChromeDriver browser;

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void startBrowser(SystemUnderTest running) throws IOException {
        system = running;
        api = running.api();
        moderatorToken = running.moderatorToken();
        Files.createDirectories(SCREENSHOTS);
        browserProfile = Files.createTempDirectory("webui-chromium-");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + browserProfile,
                "--window-size=1280,1400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (browserProfile != null) {
            try (Stream<Path> paths = Files.walk(browserProfile)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }

    /** The pages run under CSP default-src 'self': nothing they do may be refused by it. */
    @AfterEach
    void noContentSecurityPolicyViolations() {
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
        assertThat(violations).as("CSP violations in the browser console").isEmpty();
    }

    @Test
    void readerPostsACommentAndSeesAwaitingModerationTurnIntoThePublishedComment() {
        String title = "Library opens on Sundays";
        String articleId = createArticle(api, moderatorToken, title);
        awaitCommentServiceKnows(articleId);

        open("/articles/" + articleId);
        waitUntilVisible(By.id("comment-form"));
        assertThat(text(By.id("comments-title"))).isEqualTo("0 thoughts on \u201C" + title + "\u201D");
        assertThat(text(By.cssSelector("label[for=comment-author]"))).isEqualTo("Name");
        assertThat(text(By.cssSelector("label[for=comment-text]"))).isEqualTo("Comment");
        recordCommentStatuses();

        browser.findElement(By.id("comment-text")).sendKeys("See you in the reading room.");
        WebElement name = browser.findElement(By.id("comment-author"));
        name.clear();
        name.sendKeys("Dana", Keys.ENTER); // keyboard only: Enter submits the form

        WebElement comment = waitUntilVisible(By.cssSelector("#comment-list .comment-item"));
        String commentId = comment.getDomAttribute("data-comment-id");
        screenshot("article-after-posting", By.id("comments"));
        waitUntil(driver -> !comment.findElement(By.cssSelector(".comment"))
                        .getDomAttribute("class")
                        .contains("pending")
                && !comment.findElement(By.cssSelector(".comment-status")).isDisplayed());
        assertThat(seenCommentStatuses())
                .as("statuses the reader saw")
                .contains("Your comment is awaiting moderation.");
        assertThat(text(By.id("form-status"))).contains("awaiting moderation");
        assertThat(comment.findElement(By.cssSelector(".comment-body")).getText())
                .isEqualTo("See you in the reading room.");
        assertThat(comment.findElement(By.cssSelector(".comment-author")).getText())
                .isEqualTo("Dana");
        assertThat(text(By.id("comments-title"))).isEqualTo("1 thought on \u201C" + title + "\u201D");
        assertThat(awaitDecision(api, commentId).text("status")).isEqualTo("APPROVED");
        screenshot("article-published-comment", By.id("comments"));

        // After a reload it comes from the list of approved comments, not from the reader's session.
        browser.navigate().refresh();
        waitUntil(driver -> text(By.id("comments-title")).equals("1 thought on \u201C" + title + "\u201D"));
        assertThat(browser.findElements(By.cssSelector("#comment-list .comment.pending")))
                .isEmpty();
    }

    @Test
    void moderatorClosesTheThreadInTheConsoleAndTheReaderPageSaysCommentsAreClosed() {
        String title = "Bridge repairs start on Monday";
        String articleId = createArticle(api, moderatorToken, title);
        awaitCommentServiceKnows(articleId);
        open("/articles/" + articleId);
        waitUntilVisible(By.id("comment-form"));

        signInToConsole();
        By row = By.cssSelector("li.article-row[data-article-id='" + articleId + "']");
        WebElement close = waitUntilVisible(row).findElement(By.cssSelector("button[data-action=close]"));
        browser.findElement(By.id("close-reason")).sendKeys("The discussion has run its course.");
        close.click();
        waitUntil(driver -> driver.findElement(row).getText().contains("Comments are now closed."));
        assertThat(browser.findElement(row)
                        .findElement(By.cssSelector(".badge"))
                        .getText())
                .isEqualTo("Comments closed");
        assertThat(browser.findElement(row)
                        .findElement(By.cssSelector("button[data-action=reopen]"))
                        .isDisplayed())
                .isTrue();
        screenshot("moderation-console", row);

        open("/articles/" + articleId);
        assertThat(waitUntilVisible(By.id("comments-closed")).getText()).isEqualTo("Comments are closed.");
        assertThat(browser.findElement(By.id("comment-form")).isDisplayed()).isFalse();
        screenshot("article-comments-closed", By.id("comments"));
    }

    @Test
    void heldCommentIsApprovedFromTheConsoleAndAppearsOnTheReaderPage() {
        String articleId = createArticle(api, moderatorToken, "Three new cycle lanes for the centre");
        // More links than the rule set allows: the rules hold it for a person.
        String text = "Maps: https://maps.example/one https://maps.example/two https://maps.example/three";
        Api.Reply posted = postCommentOnceArticleIsKnown(api, articleId, "Eve", text);
        assertThat(posted.status()).as("post: %s", posted).isEqualTo(202);
        String commentId = posted.text("id");
        assertThat(awaitDecision(api, commentId).text("status")).isEqualTo("HELD");

        signInToConsole();
        By item = By.cssSelector("li.queue-item[data-comment-id='" + commentId + "']");
        WebElement held = waitUntilVisible(item);
        assertThat(held.findElement(By.cssSelector(".comment-body")).getText()).isEqualTo(text);
        assertThat(held.findElement(By.cssSelector(".reasons")).getText()).contains("links");
        held.findElement(By.id("note-" + commentId)).sendKeys("Map links are fine here.");
        screenshot("moderation-held-queue", item);
        held.findElement(By.cssSelector("button[data-decision=APPROVE]")).click();
        waitUntil(driver -> driver.findElement(item)
                .findElement(By.cssSelector(".comment-status"))
                .getText()
                .startsWith("Approved."));
        assertThat(awaitStatus(commentId, "APPROVED")).isEqualTo("APPROVED");

        // The comment's history shows the moderator's decision with the note.
        browser.findElement(item)
                .findElement(By.xpath(".//button[text()='History']"))
                .click();
        waitUntil(driver ->
                driver.findElements(By.cssSelector("#history-result table")).size() == 1
                        && text(By.id("history-result")).contains("Map links are fine here."));
        assertThat(text(By.id("history-result"))).contains(system.stack().moderatorUser());
        screenshot("moderation-comment-history", By.id("history-title"));

        open("/articles/" + articleId);
        WebElement shown = waitUntilVisible(By.id("comment-" + commentId));
        assertThat(shown.findElement(By.cssSelector(".comment-body")).getText()).isEqualTo(text);
        assertThat(shown.findElement(By.cssSelector(".comment-author")).getText())
                .isEqualTo("Eve");
    }

    @Test
    void replyApprovedWhileTheReaderWatchesAppearsLiveUnderItsParent() {
        String title = "Market square gets new trees";
        String articleId = createArticle(api, moderatorToken, title);
        Api.Reply first = postCommentOnceArticleIsKnown(api, articleId, "Finn", "Which trees?");
        String parentId = first.text("id");
        assertThat(awaitDecision(api, parentId).text("status")).isEqualTo("APPROVED");

        open("/articles/" + articleId);
        waitUntilVisible(By.id("comment-" + parentId));
        waitUntil(driver ->
                "connected".equals(driver.findElement(By.id("comments")).getDomAttribute("data-live")));

        // Someone else replies; the page is not reloaded.
        Api.Reply reply = api.post(
                commentsPath(articleId),
                Map.of("author", "Gina", "text", "Limes, I heard.", "parentId", parentId),
                null);
        assertThat(reply.status()).as("reply: %s", reply).isEqualTo(202);
        WebElement shown =
                waitUntilVisible(By.cssSelector("#comment-" + parentId + " > ol > #comment-" + reply.text("id")));
        assertThat(shown.findElement(By.cssSelector(".comment-body")).getText()).isEqualTo("Limes, I heard.");
        assertThat(text(By.id("comments-title"))).isEqualTo("2 thoughts on \u201C" + title + "\u201D");
        screenshot("article-live-reply", By.id("comments"));
    }

    @Test
    void scriptPostedAsACommentIsShownAsTextAndNeverRuns() {
        String articleId = createArticle(api, moderatorToken, "Town hall renovation finished");
        awaitCommentServiceKnows(articleId);
        String payload = "<img src=x onerror=\"document.title='xss';window.xssRan=true\">"
                + "<script>window.xssRan=true</script><b>not bold</b>";

        open("/articles/" + articleId);
        waitUntilVisible(By.id("comment-form"));
        browser.findElement(By.id("comment-author")).clear();
        browser.findElement(By.id("comment-author")).sendKeys("<i>Mallory</i>");
        browser.findElement(By.id("comment-text")).sendKeys(payload);
        browser.findElement(By.id("comment-submit")).click();
        WebElement comment = waitUntilVisible(By.cssSelector("#comment-list .comment-item"));
        waitUntil(driver -> !comment.findElement(By.cssSelector(".comment"))
                .getDomAttribute("class")
                .contains("pending"));
        assertShownAsText(comment, payload);

        // And the same when it comes back from the server in the list.
        browser.navigate().refresh();
        assertShownAsText(waitUntilVisible(By.cssSelector("#comment-list .comment-item")), payload);
        screenshot("article-script-as-text", By.id("comments"));
    }

    @Test
    void aNameWithARightToLeftOverrideStaysInItsPlaceAndLeavesTheDateAlone() {
        String articleId = createArticle(api, moderatorToken, "Ferry timetable changes");
        awaitCommentServiceKnows(articleId);

        open("/articles/" + articleId);
        waitUntilVisible(By.id("comment-form"));
        WebElement name = browser.findElement(By.id("comment-author"));
        // Typed through the DOM: U+202E would reverse everything after it in the line, the date included.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", name, "\u202ERobin");
        browser.findElement(By.id("comment-text")).sendKeys("Good news for commuters.");
        browser.findElement(By.id("comment-submit")).click();

        WebElement comment = waitUntilVisible(By.cssSelector("#comment-list .comment-item"));
        WebElement author = comment.findElement(By.cssSelector(".comment-author"));
        WebElement date = comment.findElement(By.cssSelector(".meta time"));
        screenshot("article-bidi-name", By.id("comments"));
        assertThat(author.getTagName()).isEqualTo("bdi");
        assertThat(date.getRect().getX())
                .as("the date stays right of the name")
                .isGreaterThanOrEqualTo(
                        author.getRect().getX() + author.getRect().getWidth());
    }

    @Test
    void seedArticleRendersWithItsOneCommentAndCommentsAreClosed() {
        // The shared stack starts without the seed: the same article is made here the way the seed is.
        String[] seed = seedArticle();
        String title = seed[0];
        Api.Reply created = api.post("/api/articles", Map.of("title", title, "body", seed[1]), moderatorToken);
        assertThat(created.status()).as("create: %s", created).isEqualTo(201);
        String articleId = created.text("id");
        String commentText = "A clear summary, thank you. I would like to read the Microsoft report itself.";
        Api.Reply posted = postCommentOnceArticleIsKnown(api, articleId, "Margaret Ellis", commentText);
        assertThat(posted.status()).as("post: %s", posted).isEqualTo(202);
        String commentId = posted.text("id");
        assertThat(awaitDecision(api, commentId).text("status")).isEqualTo("APPROVED");
        Api.Reply closed = api.post(
                "/api/articles/" + articleId + "/close", Map.of("reason", "Comments are closed."), moderatorToken);
        assertThat(closed.status()).as("close: %s", closed).isEqualTo(200);

        // From the article list to the article, as a reader would.
        open("/");
        WebElement link = waitUntilVisible(By.linkText(title));
        screenshot("article-list");
        link.click();

        waitUntil(driver -> text(By.id("comments-title")).equals("1 thought on \u201C" + title + "\u201D"));
        assertThat(text(By.id("article-title"))).isEqualTo(title);
        assertThat(browser.findElements(By.cssSelector("#article-body p"))).hasSizeGreaterThan(5);
        WebElement comment = browser.findElement(By.id("comment-" + commentId));
        assertThat(comment.findElement(By.cssSelector(".comment-author")).getText())
                .isEqualTo("Margaret Ellis");
        assertThat(comment.findElement(By.cssSelector(".comment-body")).getText())
                .isEqualTo(commentText);
        assertThat(text(By.id("comments-closed"))).isEqualTo("Comments are closed.");
        assertThat(browser.findElement(By.id("comment-form")).isDisplayed()).isFalse();
        assertThat(comment.findElement(By.cssSelector(".reply-button")).isDisplayed())
                .isFalse();
        screenshot("seed-article", By.id("comments"));

        // A phone-sized viewport: one column, nothing wider than the screen.
        Dimension desktop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.navigate().refresh();
            waitUntil(driver -> text(By.id("comments-title")).startsWith("1 thought"));
            Long overflow = (Long) ((JavascriptExecutor) browser)
                    .executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("horizontal overflow on a phone").isLessThanOrEqualTo(0L);
            screenshot("seed-article-phone", By.id("comments"));
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    // ---- steps --------------------------------------------------------------------------------

    private static void open(String path) {
        browser.get(api.gateway().resolve(path).toString());
    }

    /** Signs in on the console unless this browser tab already holds a moderator session. */
    private static void signInToConsole() {
        open("/moderation");
        waitUntil(driver -> driver.findElement(By.id("console")).isDisplayed()
                || driver.findElement(By.id("sign-in")).isDisplayed());
        if (browser.findElement(By.id("sign-in")).isDisplayed()) {
            assertThat(text(By.cssSelector("label[for=username]"))).isEqualTo("User name");
            browser.findElement(By.id("username")).sendKeys(system.stack().moderatorUser());
            browser.findElement(By.id("password")).sendKeys(system.stack().moderatorPassword(), Keys.ENTER);
        }
        waitUntilVisible(By.id("console"));
    }

    private static void assertShownAsText(WebElement comment, String payload) {
        WebElement body = comment.findElement(By.cssSelector(".comment-body"));
        assertThat(body.getText()).isEqualTo(payload);
        assertThat(body.findElements(By.xpath(".//*")))
                .as("elements made from the comment")
                .isEmpty();
        assertThat(comment.findElement(By.cssSelector(".comment-author")).getText())
                .isEqualTo("<i>Mallory</i>");
        Object ran = ((JavascriptExecutor) browser).executeScript("return window.xssRan === true;");
        assertThat(ran).as("the payload's script ran").isEqualTo(false);
        assertThat(browser.getTitle()).isNotEqualTo("xss");
    }

    /** comment-service learns of a new article through Kafka; the reader page needs it to know. */
    private static void awaitCommentServiceKnows(String articleId) {
        await("comment-service to know article " + articleId)
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get(commentsPath(articleId)).status() == 200);
    }

    private static String awaitStatus(String commentId, String status) {
        await("comment " + commentId + " to be " + status)
                .atMost(EVENTUALLY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> status.equals(api.get("/api/comments/" + commentId).text("status")));
        return status;
    }

    /** Notes every comment status line the page shows, however briefly (auto-moderation is fast). */
    private static void recordCommentStatuses() {
        ((JavascriptExecutor) browser).executeScript("""
                window.seenStatuses = [];
                new MutationObserver(function () {
                  document.querySelectorAll('.comment-status').forEach(function (s) {
                    if (!s.hidden && s.textContent) { window.seenStatuses.push(s.textContent); }
                  });
                }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
                """);
    }

    @SuppressWarnings("unchecked")
    private static List<String> seenCommentStatuses() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return window.seenStatuses;");
    }

    private static String text(By locator) {
        return browser.findElement(locator).getText();
    }

    private static WebElement waitUntilVisible(By locator) {
        return wait(browser).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        wait(browser)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    private static WebDriverWait wait(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, EVENTUALLY, Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** A screenshot with the given part of the page scrolled to the top of the window. */
    private static void screenshot(String name, By part) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'start'});", browser.findElement(part));
        screenshot(name);
    }

    private static void screenshot(String name) {
        try {
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Title and body of the reference article (local-stack's seed resource): the story's paragraphs. */
    private static String[] seedArticle() {
        try (InputStream in = WebUiSystemTest.class.getResourceAsStream("/seed/seed-article.txt")) {
            assertThat(in).as("local-stack's seed article on the classpath").isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
            String title = lines.get(0);
            // The story's paragraphs are the long lines; headlines, links and notices are short.
            String body = String.join(
                    "\n\n",
                    lines.stream().skip(1).filter(line -> line.length() > 120).toList());
            return new String[] {title, body};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
