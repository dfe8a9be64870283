-- Latchkey schema 31: one row per refresh token family, updated in place by each rotation.
--
-- Until now every rotation inserted a row into refresh_token (with its five indexes, two of them on random values)
-- and marked the previous one: the table grew by a row per refresh, and on the embedded database each rotation
-- rewrote some 30-40 kB of index pages. A refresh token is now "<locator>.<secret>": the locator (128 random bits)
-- names the family and stays with it, the secret (256 random bits) changes with every rotation. The family's row
-- is found by the hash of the locator (family_key) and holds the hash of the whole live token (token_hash); a
-- rotation replaces token_hash in place and touches no index. Presenting a token whose locator is known but which is
-- not the live one means a token of the family came back after its rotation (or was tampered with by its holder):
-- the family is revoked (RFC 9700 §4.14.2), for every earlier token of the family, not only the last one.
--
-- Access tokens issued by a refresh have the id "<family_id>.<random>"; revoking the family puts "<family_id>." on
-- the deny list until access_tokens_expire_at, which covers every one of them.
--
-- Families started before this migration: their live token (no '.') is its own locator, so family_key is its hash
-- (= token_hash); its first rotation moves the family to a locator of its own. Their tokens stay in refresh_token,
-- which nothing inserts into any more: presenting one the family no longer has (rotated before or after the
-- upgrade) still revokes the family. The JWT
-- access tokens recorded on those rows are copied to issued_access_token, from where revoking the family reaches
-- them as before.
CREATE TABLE refresh_grant (
    family_id               VARCHAR(64)   NOT NULL PRIMARY KEY,
    family_key              VARCHAR(64)   NOT NULL,
    token_hash              VARCHAR(64)   NOT NULL,
    client_id               VARCHAR(128)  NOT NULL,
    account_id              BIGINT        NOT NULL,
    scope                   VARCHAR(2048) NOT NULL,
    auth_time               TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    sid                     VARCHAR(64)   NOT NULL,
    claims_request          VARCHAR(4096),
    created_at              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    refreshed_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    refreshes               INTEGER       NOT NULL,
    idle_expires_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    family_expires_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    access_tokens_expire_at TIMESTAMP(6) WITH TIME ZONE,
    revoked_at              TIMESTAMP(6) WITH TIME ZONE
);
CREATE UNIQUE INDEX refresh_grant_key ON refresh_grant (family_key);
CREATE INDEX refresh_grant_account ON refresh_grant (account_id);
CREATE INDEX refresh_grant_client ON refresh_grant (client_id);
CREATE INDEX refresh_grant_expiry ON refresh_grant (family_expires_at);
ALTER TABLE refresh_grant ADD CONSTRAINT refresh_grant_account_fk FOREIGN KEY (account_id)
    REFERENCES account (id) ON DELETE CASCADE;

-- Each family as its newest unrotated token shows it (rotated_at is null on exactly that one).
INSERT INTO refresh_grant (family_id, family_key, token_hash, client_id, account_id, scope, auth_time, sid,
                           claims_request, created_at, refreshed_at, refreshes, idle_expires_at, family_expires_at,
                           access_tokens_expire_at, revoked_at)
SELECT t.family_id, t.token_hash, t.token_hash, t.client_id, t.account_id, t.scope, t.auth_time, t.sid,
       t.claims_request,
       (SELECT MIN(o.created_at) FROM refresh_token o WHERE o.family_id = t.family_id),
       t.created_at,
       (SELECT COUNT(*) - 1 FROM refresh_token o WHERE o.family_id = t.family_id),
       t.idle_expires_at, t.family_expires_at, NULL, t.revoked_at
FROM refresh_token t
WHERE t.rotated_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM refresh_token n WHERE n.family_id = t.family_id AND n.rotated_at IS NULL
                  AND (n.created_at > t.created_at OR (n.created_at = t.created_at AND n.token_hash > t.token_hash)));

INSERT INTO issued_access_token (jti, family_id, client_id, expires_at, claims_request)
SELECT t.access_token_jti, t.family_id, t.client_id, t.access_token_expires_at, t.claims_request
FROM refresh_token t
WHERE t.access_token_jti IS NOT NULL AND t.access_token_expires_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM issued_access_token i WHERE i.jti = t.access_token_jti);
