-- Latchkey schema 6: personal and service access tokens (PAT lk_pat_..., SAT lk_sat_..., DESIGN §4).
-- Stored as the SHA-256 hash of the value (base64url); the value itself is shown once and never kept.
-- A PAT acts as its owner (account_id, subject = the person's subject); a SAT acts as the application
-- (account_id null, subject = client_id). created_by is the account that issued the token.
CREATE TABLE reference_token (
    token_hash   VARCHAR(64)   NOT NULL PRIMARY KEY,
    kind         VARCHAR(8)    NOT NULL,
    name         VARCHAR(100)  NOT NULL,
    client_id    VARCHAR(128)  NOT NULL,
    account_id   BIGINT        REFERENCES account (id) ON DELETE CASCADE,
    subject      VARCHAR(128)  NOT NULL,
    created_by   BIGINT        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    scope        VARCHAR(2048) NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP(6) WITH TIME ZONE,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX reference_token_creator ON reference_token (created_by);
CREATE INDEX reference_token_client ON reference_token (client_id);
