package news.comments.commentservice.comment;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Ids for new comments: UUID version 7, whose first 48 bits are the submission time in milliseconds, so
 * new rows land at the right-hand end of the primary key instead of on a random page of it (fewer pages
 * touched and written per insert). Ids made in the same millisecond still increase. The id says when a
 * comment was submitted, which its submittedAt says anyway.
 */
@Component
class CommentIds {

    private final TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();

    UUID next(Instant submittedAt) {
        return generator.construct(submittedAt.toEpochMilli());
    }
}
