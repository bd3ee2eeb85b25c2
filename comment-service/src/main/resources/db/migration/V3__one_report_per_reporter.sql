-- A report threshold counts readers, not reports: each report names its reporter (a keyed hash of the
-- reader's identity or client address, never the address itself), and one reporter reports a comment
-- once. Reports stored before this have no reporter and stay as they are (NULLs never conflict).
ALTER TABLE comment_report ADD COLUMN reporter varchar(64);
ALTER TABLE comment_report ADD CONSTRAINT comment_report_once_per_reporter UNIQUE (comment_id, reporter);

-- The key of that hash: made once, here, so every instance shares it and nobody has to configure it.
-- Without it a stored hash of an IPv4 address could be reversed by trying all 2^32 of them.
CREATE TABLE reporter_secret (
    id      int  PRIMARY KEY CHECK (id = 1),
    secret  text NOT NULL
);
INSERT INTO reporter_secret (id, secret)
VALUES (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
