-- Latchkey schema 19: the one-time password-reset code an administrator issues for an account. At most one per
-- account (issuing a new one replaces it); only its SHA-256 hash is stored (base64url, like every bearer value).
-- Redeeming it is one conditional DELETE ... WHERE code_hash = :hash AND expires_at > :now: of two redemptions at
-- once exactly one deletes the row (the row lock orders them), so the code is used once on the whole cluster.
CREATE TABLE password_reset_code (
    account_id BIGINT       NOT NULL PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    code_hash  VARCHAR(64)  NOT NULL,
    issued_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
