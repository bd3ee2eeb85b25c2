-- Articles and their comment policy. closed_at is the manual close; auto_close_at the scheduled one.
CREATE TABLE article (
    id            UUID PRIMARY KEY,
    title         VARCHAR(300)  NOT NULL,
    body          TEXT          NOT NULL,
    published_at  TIMESTAMPTZ   NOT NULL,
    created_by    VARCHAR(200)  NOT NULL,
    closed_at     TIMESTAMPTZ,
    closed_by     VARCHAR(200),
    close_reason  VARCHAR(1000),
    auto_close_at TIMESTAMPTZ,
    -- grows with every change; the published snapshot carries it so consumers can drop stale copies
    version       BIGINT        NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL
);

-- the list is served newest first
CREATE INDEX article_published_idx ON article (published_at DESC, id DESC);
