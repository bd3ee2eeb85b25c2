-- Local copy of which comments are approved, kept from comments.moderated.v1, for commentCount.
-- No foreign key to article: events from another service must never be refused for ordering reasons.
CREATE TABLE approved_comment (
    comment_id UUID PRIMARY KEY,
    article_id UUID NOT NULL
);

CREATE INDEX approved_comment_article_idx ON approved_comment (article_id);
