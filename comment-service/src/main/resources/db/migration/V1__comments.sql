-- Local copy of each article's comment policy, fed by articles.state.v1. Only a higher version replaces a row.
CREATE TABLE article_copy (
    article_id     uuid        PRIMARY KEY,
    title          text,
    comments_open  boolean     NOT NULL,
    closed_at      timestamptz,
    auto_close_at  timestamptz,
    version        bigint      NOT NULL,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE comment (
    id                   uuid         PRIMARY KEY,
    article_id           uuid         NOT NULL,
    parent_id            uuid         REFERENCES comment (id),
    author               varchar(80)  NOT NULL,
    text                 varchar(5000) NOT NULL,
    status               varchar(16)  NOT NULL,
    -- reasons of the decision that set the current status, as [{code, text}]
    reasons              jsonb        NOT NULL DEFAULT '[]'::jsonb,
    submitted_at         timestamptz  NOT NULL,
    -- the decision that set the current status (null while PENDING)
    applied_decision_id  uuid,
    applied_decided_at   timestamptz,
    -- a retried POST with the same key finds this comment instead of making a second one
    idempotency_key      varchar(200) UNIQUE,
    CONSTRAINT comment_status_known CHECK (status IN ('PENDING', 'APPROVED', 'HELD', 'REJECTED', 'REMOVED'))
);

CREATE INDEX comment_article_status_idx ON comment (article_id, status, submitted_at);
CREATE INDEX comment_parent_idx ON comment (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX comment_held_idx ON comment (submitted_at, id) WHERE status = 'HELD';

-- Every decision ever received, once: the comment's moderation history.
CREATE TABLE comment_decision (
    decision_id    uuid         PRIMARY KEY,
    comment_id     uuid         NOT NULL REFERENCES comment (id),
    decision       varchar(16)  NOT NULL,
    reasons        jsonb        NOT NULL DEFAULT '[]'::jsonb,
    decided_by     varchar(200) NOT NULL,
    rules_version  bigint       NOT NULL,
    decided_at     timestamptz  NOT NULL,
    note           text,
    received_seq   bigserial    NOT NULL
);

CREATE INDEX comment_decision_comment_idx ON comment_decision (comment_id, decided_at, received_seq);

CREATE TABLE comment_report (
    id           uuid          PRIMARY KEY,
    comment_id   uuid          NOT NULL REFERENCES comment (id),
    article_id   uuid          NOT NULL,
    reason       varchar(500)  NOT NULL,
    reported_at  timestamptz   NOT NULL
);

CREATE INDEX comment_report_comment_idx ON comment_report (comment_id);
