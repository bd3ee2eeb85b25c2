package news.comments.commentservice.common;

import news.comments.web.problem.ProblemException;

/** A validated page request: page from 0, size 1..{@value #MAX_SIZE}. */
public record PageQuery(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static PageQuery of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw ProblemException.badRequest("page must be 0 or more, was " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.badRequest("size must be between 1 and " + MAX_SIZE + ", was " + s);
        }
        return new PageQuery(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
