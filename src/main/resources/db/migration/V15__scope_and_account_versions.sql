-- Latchkey schema 15: scopes and accounts carry a version, as applications do since V13: the one an operator read
-- before changing it. A command moves it with a conditional UPDATE ... WHERE version = <the one read>, so of two
-- changes made from the same read exactly one applies, on every node (the row lock orders them).
ALTER TABLE scope ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE account ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
-- A change that takes an administrator's admin flag or disables them holds 'administrators' while it checks that
-- another enabled administrator remains, so two such changes at once cannot leave none.
INSERT INTO cluster_lock (name) VALUES ('administrators');
