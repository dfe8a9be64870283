-- Latchkey schema 9: the JWT access token issued together with a refresh token is recorded on that refresh
-- token's row (a refresh then writes one new row, not two); revoking the family puts it on the revocation
-- list from there. Access tokens from authorization codes stay in issued_access_token.
ALTER TABLE refresh_token ADD COLUMN access_token_jti VARCHAR(64);
ALTER TABLE refresh_token ADD COLUMN access_token_expires_at TIMESTAMP(6) WITH TIME ZONE;
