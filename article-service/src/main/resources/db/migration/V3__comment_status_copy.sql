-- commentCount now follows comment-service's own status of each comment (comments.status.v1), which carries
-- a per-comment version: a row keeps the newest version seen, so a replayed or redelivered older change is
-- ignored, and a withdrawn comment keeps its row (and version) so an older approval cannot bring it back.
CREATE TABLE comment_status (
    comment_id UUID        PRIMARY KEY,
    article_id UUID        NOT NULL,
    status     VARCHAR(16) NOT NULL,
    version    BIGINT      NOT NULL
);

CREATE INDEX comment_status_approved_idx ON comment_status (article_id) WHERE status = 'APPROVED';

-- The copy kept from decisions until now, as version 0: comment-service publishes the status of every
-- decided comment once as version 1 when it upgrades, which replaces these.
INSERT INTO comment_status (comment_id, article_id, status, version)
SELECT comment_id, article_id, 'APPROVED', 0 FROM approved_comment;

DROP TABLE approved_comment;
