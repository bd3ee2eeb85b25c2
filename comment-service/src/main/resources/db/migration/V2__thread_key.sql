-- Where a comment sits in its thread, as a sort key: its parent's key, '/', then its own segment
-- (submission time to the microsecond, UTC, then the id). Kept on the row so that a page of a thread is
-- a range of an index, not a sort of the whole thread (a viral thread has tens of thousands of comments:
-- BENCHMARKS.md, read path). Compared bytewise (collation "C").
ALTER TABLE comment ADD COLUMN thread_key text COLLATE "C";

WITH RECURSIVE keyed AS (
    SELECT id, to_char(submitted_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || id::text AS thread_key
    FROM comment WHERE parent_id IS NULL
  UNION ALL
    SELECT c.id, k.thread_key || '/' || to_char(c.submitted_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || c.id::text
    FROM comment c JOIN keyed k ON c.parent_id = k.id
)
UPDATE comment SET thread_key = keyed.thread_key FROM keyed WHERE comment.id = keyed.id;

ALTER TABLE comment ALTER COLUMN thread_key SET NOT NULL;

CREATE INDEX comment_approved_thread_idx ON comment (article_id, thread_key) WHERE status = 'APPROVED';
