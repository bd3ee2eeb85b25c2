-- comment-service publishes every change of a comment's status (CommentStatusChanged on comments.status.v1)
-- with a per-comment version that grows by one per change, so consumers can drop stale copies.
ALTER TABLE comment ADD COLUMN status_version bigint NOT NULL DEFAULT 0;

-- Comments decided before the event existed: publish their status once as version 1 (through the outbox,
-- created by an earlier migration), so a consumer that starts from the new topic has every decided comment.
UPDATE comment SET status_version = 1 WHERE status <> 'PENDING';

INSERT INTO outbox_event (topic, record_key, event_type, payload, occurred_at)
SELECT 'comments.status.v1', article_id::text, 'CommentStatusChanged',
       convert_to(json_build_object(
               'commentId', id,
               'articleId', article_id,
               'status', status,
               'previousStatus', NULL,
               'version', 1,
               'changedAt', to_char(coalesce(applied_decided_at, now()) AT TIME ZONE 'UTC',
                                    'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text, 'UTF8'),
       coalesce(applied_decided_at, now())
FROM comment
WHERE status <> 'PENDING'
ORDER BY submitted_at, id;
