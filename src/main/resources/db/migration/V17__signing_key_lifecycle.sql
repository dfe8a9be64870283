-- Latchkey schema 20: signing keys with a lifecycle. A key is 'next' (published in JWKS, not signing yet), then
-- 'current' (signs), then 'retiring' (published, no longer signs, until every token it signed has expired plus the
-- JWKS cache lifetime), then 'retired' (gone from JWKS, its private half destroyed: the column is emptied). Each
-- algorithm has its own keys. A revoked key goes straight to 'retired'. Nodes learn of a key change through the
-- 'keys' counter of configuration_change; one node at a time changes keys under the 'signing-keys' lock.
ALTER TABLE signing_key DROP CONSTRAINT signing_key_status_known;
UPDATE signing_key SET status = 'retiring' WHERE status = 'previous';
ALTER TABLE signing_key ADD COLUMN activated_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE signing_key ADD COLUMN rotation_requested_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE signing_key ADD COLUMN retired_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE signing_key ADD COLUMN revoked BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE signing_key SET activated_at = created_at WHERE status IN ('current', 'retiring');
ALTER TABLE signing_key ALTER COLUMN private_key_sealed DROP NOT NULL;
UPDATE signing_key SET private_key_sealed = NULL WHERE status = 'retired';
ALTER TABLE signing_key ADD CONSTRAINT signing_key_state_known
    CHECK (status IN ('next', 'current', 'retiring', 'retired'));
ALTER TABLE signing_key ADD CONSTRAINT signing_key_retired_destroyed
    CHECK (status <> 'retired' OR private_key_sealed IS NULL);
CREATE INDEX signing_key_status ON signing_key (status);
INSERT INTO configuration_change (kind, version) VALUES ('keys', 0);
INSERT INTO cluster_lock (name) VALUES ('signing-keys');
