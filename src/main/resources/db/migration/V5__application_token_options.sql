-- Latchkey schema 5: per-application options for long-lived reference tokens and the password grant.
-- Longest lifetime a personal or service access token of this application may have.
ALTER TABLE application ADD COLUMN max_reference_token_days INTEGER DEFAULT 90 NOT NULL;
-- The resource owner password grant (RFC 6749 §4.3), only when LATCHKEY_PASSWORD_GRANT=true as well.
ALTER TABLE application ADD COLUMN password_grant BOOLEAN DEFAULT FALSE NOT NULL;
