-- Latchkey schema 29: a configuration_change counter for the deny list of revoked access tokens (revoked_token).
-- Every revocation adds one to it in its own transaction; each node holds the live deny list in memory and reloads
-- it when the counter moved (at once on the node that revoked, within half a second on the others), so checking
-- a JWT access token against the deny list reads no table.
INSERT INTO configuration_change (kind, version) VALUES ('revocations', 0);
