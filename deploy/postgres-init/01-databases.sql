-- Runs once, when the PostgreSQL volume is first initialised: one database per service that owns data.
CREATE DATABASE articles;
CREATE DATABASE comments;
