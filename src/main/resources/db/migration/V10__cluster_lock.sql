-- Latchkey schema 10: rows a node locks (SELECT ... FOR UPDATE) to do one thing at a time across every node of
-- one database. Start-up (standard scopes, LATCHKEY_IMPORT, the first admin, the first signing key) holds
-- 'start-up', so nodes started at the same instant on an empty database apply it one after the other and leave
-- one copy of everything.
CREATE TABLE cluster_lock (
    name VARCHAR(64) NOT NULL PRIMARY KEY
);
INSERT INTO cluster_lock (name) VALUES ('start-up');
