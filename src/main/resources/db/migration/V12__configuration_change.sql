-- Latchkey schema 12: one counter per kind of configuration that nodes cache (applications, scopes). Every command
-- that changes that configuration adds one to its counter in the same transaction; every node reads the counter
-- (one primary-key read) at most every half second and drops its cache of that kind when the counter moved, so a
-- change reaches every node within about a second instead of after a cache lifetime.
CREATE TABLE configuration_change (
    kind VARCHAR(32) NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO configuration_change (kind, version) VALUES ('applications', 0);
INSERT INTO configuration_change (kind, version) VALUES ('scopes', 0);
