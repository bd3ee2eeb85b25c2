-- Indexes that no query reads, each one more page to write on every insert (and, for comment, on every
-- status change). What the service reads, and which index serves it:
--   comment by id (lookups, decision landing)                  comment_pkey
--   comment by idempotency key (retried POSTs)                 comment_idempotency_key_key
--   approved comments of a thread, in order, and their count   comment_approved_thread_idx
--   the moderators' queue of held comments and its count       comment_held_idx
--   a comment's moderation history                             comment_decision_comment_idx
--   a decision by id (landing it once)                         comment_decision_pkey
--   a reader's report of a comment (reporting once)            comment_report_once_per_reporter
-- Comments, decisions and reports are never deleted, so no foreign key needs an index on its
-- referencing side either.

-- Served by comment_approved_thread_idx (article_id, thread_key) WHERE status = 'APPROVED' since V2: the
-- thread page and the approved count ask for nothing else by article.
DROP INDEX IF EXISTS comment_article_status_idx;

-- No query looks comments up by parent (replies are found through the thread key).
DROP INDEX IF EXISTS comment_parent_idx;

-- comment_report_once_per_reporter (comment_id, reporter) starts with comment_id and serves the same look-ups.
DROP INDEX IF EXISTS comment_report_comment_idx;
