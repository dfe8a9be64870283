-- Latchkey schema 13: every application carries a version, the one an operator read before changing it. A command
-- that changes an application moves it with a conditional UPDATE ... WHERE version = <the one read>, so of two
-- changes made from the same read exactly one applies, on every node (the row lock orders them).
ALTER TABLE application ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
