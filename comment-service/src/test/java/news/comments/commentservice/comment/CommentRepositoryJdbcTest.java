package news.comments.commentservice.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import news.comments.commentservice.common.PageQuery;
import news.comments.commentservice.common.ReasonsJson;
import news.comments.events.Reason;
import news.comments.testsupport.EmbeddedPostgresDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Comments on the real schema (the service's Flyway migrations and the outbox's) in a real PostgreSQL:
 * storing a comment in its thread, a thread's approved comments page by page and from a cursor, the
 * moderators' queue of held comments, and the counts. Each test runs in a transaction that is rolled back.
 */
@JdbcTest(properties = "spring.flyway.locations=classpath:db/migration,classpath:db/outbox")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({CommentRepository.class, ReasonsJson.class})
class CommentRepositoryJdbcTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabases.jdbcUrl("comments_slice"));
        registry.add("spring.datasource.username", EmbeddedPostgresDatabases::username);
        registry.add("spring.datasource.password", EmbeddedPostgresDatabases::password);
    }

    @Autowired
    CommentRepository comments;

    private final UUID article = UUID.randomUUID();
    private int seconds;

    // --- storing ---

    @Test
    void aStoredCommentReadsBackAsStoredWithItsReasons() {
        Comment held = new Comment(
                UUID.randomUUID(),
                article,
                null,
                "Ann",
                "Buy now, \"cheap\" \u00e9t\u00e9 \uD83D\uDE00",
                CommentStatus.HELD,
                List.of(new Reason("LINK", "The comment contains a link."), new Reason("CAPS", "Shouting.")),
                T0);

        assertThat(comments.insert(held, null)).isTrue();

        assertThat(comments.find(held.id())).contains(held);
        assertThat(comments.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void anIdempotencyKeyHoldsOneCommentOnly() {
        Comment first = comment(null, CommentStatus.PENDING);
        Comment retry = comment(null, CommentStatus.PENDING);

        assertThat(comments.insert(first, "key-1")).isTrue();
        assertThat(comments.insert(retry, "key-1")).isFalse();

        assertThat(comments.findByIdempotencyKey("key-1")).contains(first);
        assertThat(comments.find(retry.id())).isEmpty();
        assertThat(comments.findByIdempotencyKey("key-2")).isEmpty();
    }

    @Test
    void aReplyToACommentOfAnotherArticleIsNotStored() {
        UUID otherArticle = UUID.randomUUID();
        Comment elsewhere =
                new Comment(UUID.randomUUID(), otherArticle, null, "Bob", "Hi", CommentStatus.PENDING, List.of(), T0);
        comments.insert(elsewhere, null);

        Comment reply = comment(elsewhere.id(), CommentStatus.PENDING);
        Comment toNothing = comment(UUID.randomUUID(), CommentStatus.PENDING);

        assertThat(comments.insert(reply, null)).isFalse();
        assertThat(comments.insert(toNothing, null)).isFalse();
        assertThat(comments.find(reply.id())).isEmpty();
        assertThat(comments.existsInArticle(elsewhere.id(), otherArticle)).isTrue();
        assertThat(comments.existsInArticle(elsewhere.id(), article)).isFalse();
    }

    // --- a thread's pages ---

    @Test
    void aThreadReadsDepthFirstWithRepliesUnderTheirParentInSubmissionOrder() {
        Comment first = store(null, CommentStatus.APPROVED);
        Comment second = store(null, CommentStatus.APPROVED);
        Comment replyToFirst = store(first.id(), CommentStatus.APPROVED);
        Comment replyToReply = store(replyToFirst.id(), CommentStatus.APPROVED);
        Comment laterReplyToFirst = store(first.id(), CommentStatus.APPROVED);

        CommentRepository.ThreadPage page = comments.approvedThread(article, new PageQuery(0, 10));

        assertThat(page.comments()).containsExactly(first, replyToFirst, replyToReply, laterReplyToFirst, second);
        assertThat(page.next()).isNull();
    }

    @Test
    void onlyApprovedCommentsAreListedAndAReplyKeepsItsPlaceUnderAParentThatIsNot() {
        Comment heldParent = store(null, CommentStatus.HELD);
        Comment other = store(null, CommentStatus.APPROVED);
        Comment reply = store(heldParent.id(), CommentStatus.APPROVED);
        store(null, CommentStatus.PENDING);
        store(null, CommentStatus.REJECTED);
        store(null, CommentStatus.REMOVED);

        assertThat(comments.approvedThread(article, new PageQuery(0, 10)).comments())
                .containsExactly(reply, other);
        assertThat(comments.countApproved(article)).isEqualTo(2);
    }

    @Test
    void pagesByNumberSplitTheThreadAndSayWhetherMoreFollow() {
        List<Comment> thread = storeApproved(5);

        CommentRepository.ThreadPage first = comments.approvedThread(article, new PageQuery(0, 2));
        CommentRepository.ThreadPage second = comments.approvedThread(article, new PageQuery(1, 2));
        CommentRepository.ThreadPage last = comments.approvedThread(article, new PageQuery(2, 2));
        CommentRepository.ThreadPage beyond = comments.approvedThread(article, new PageQuery(3, 2));

        assertThat(first.comments()).containsExactlyElementsOf(thread.subList(0, 2));
        assertThat(first.next()).isNotNull();
        assertThat(second.comments()).containsExactlyElementsOf(thread.subList(2, 4));
        assertThat(second.next()).isNotNull();
        assertThat(last.comments()).containsExactlyElementsOf(thread.subList(4, 5));
        assertThat(last.next()).isNull();
        assertThat(beyond.comments()).isEmpty();
        assertThat(beyond.next()).isNull();
    }

    @Test
    void followingTheCursorReadsTheWholeThreadOnceInOrder() {
        Comment root = store(null, CommentStatus.APPROVED);
        List<Comment> expected = new ArrayList<>(List.of(root));
        expected.add(store(root.id(), CommentStatus.APPROVED));
        expected.add(store(null, CommentStatus.APPROVED));
        store(null, CommentStatus.HELD);
        expected.add(store(expected.get(1).id(), CommentStatus.APPROVED));
        expected.add(store(null, CommentStatus.APPROVED));
        expected.add(store(root.id(), CommentStatus.APPROVED));
        expected.add(store(null, CommentStatus.APPROVED));
        List<Comment> inThreadOrder =
                comments.approvedThread(article, new PageQuery(0, 100)).comments();

        List<Comment> read = new ArrayList<>();
        CommentRepository.ThreadPage page = comments.approvedThread(article, new PageQuery(0, 3));
        read.addAll(page.comments());
        int pages = 1;
        while (page.next() != null) {
            // the cursor goes to the reader and back as text
            page = comments.approvedThread(
                    article, ThreadCursor.parse(page.next().toString()), 3);
            read.addAll(page.comments());
            pages++;
        }

        assertThat(read).containsExactlyElementsOf(inThreadOrder).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aCursorPageMatchesTheNumberedPageAtTheSamePlace() {
        storeApproved(6);

        CommentRepository.ThreadPage first = comments.approvedThread(article, new PageQuery(0, 2));
        CommentRepository.ThreadPage second = comments.approvedThread(article, new PageQuery(1, 2));

        assertThat(comments.approvedThread(article, first.next(), 2)).isEqualTo(second);
    }

    @Test
    void anotherArticlesCommentsAreNotInTheThreadOrItsCount() {
        Comment mine = store(null, CommentStatus.APPROVED);
        UUID otherArticle = UUID.randomUUID();
        comments.insert(
                new Comment(
                        UUID.randomUUID(),
                        otherArticle,
                        null,
                        "Bob",
                        "Elsewhere",
                        CommentStatus.APPROVED,
                        List.of(),
                        T0),
                null);

        assertThat(comments.approvedThread(article, new PageQuery(0, 10)).comments())
                .containsExactly(mine);
        assertThat(comments.countApproved(article)).isEqualTo(1);
        assertThat(comments.countApproved(otherArticle)).isEqualTo(1);
        assertThat(comments.countApproved(UUID.randomUUID())).isZero();
    }

    // --- the moderators' queue ---

    @Test
    void theHeldQueueIsOldestFirstAcrossArticlesAndPaged() {
        Comment newer = store(null, CommentStatus.HELD);
        Comment older = new Comment(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                "Bob",
                "Earlier",
                CommentStatus.HELD,
                List.of(new Reason("REPORTED", "3 readers reported the comment")),
                T0.minusSeconds(3600));
        comments.insert(older, null);
        Comment newest = store(null, CommentStatus.HELD);
        store(null, CommentStatus.APPROVED);
        store(null, CommentStatus.PENDING);

        assertThat(comments.held(new PageQuery(0, 2))).containsExactly(older, newer);
        assertThat(comments.held(new PageQuery(1, 2))).containsExactly(newest);
        assertThat(comments.countHeld()).isEqualTo(3);
    }

    @Test
    void anEmptyQueueCountsZero() {
        store(null, CommentStatus.APPROVED);

        assertThat(comments.held(new PageQuery(0, 20))).isEmpty();
        assertThat(comments.countHeld()).isZero();
    }

    private List<Comment> storeApproved(int count) {
        List<Comment> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(store(null, CommentStatus.APPROVED));
        }
        return stored;
    }

    /** A comment of this test's article, submitted one second after the one before. */
    private Comment store(UUID parentId, CommentStatus status) {
        Comment comment = comment(parentId, status);
        assertThat(comments.insert(comment, null)).isTrue();
        return comment;
    }

    private Comment comment(UUID parentId, CommentStatus status) {
        Instant at = T0.plusSeconds(seconds++);
        return new Comment(UUID.randomUUID(), article, parentId, "Ann", "Comment at " + at, status, List.of(), at);
    }
}
