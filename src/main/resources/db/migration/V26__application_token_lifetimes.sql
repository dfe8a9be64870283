-- Per-application token lifetimes in seconds (issue 16): NULL = the server-wide setting
-- (LATCHKEY_ACCESS_TOKEN_TTL, LATCHKEY_REFRESH_TOKEN_IDLE_TTL, LATCHKEY_REFRESH_TOKEN_MAX_TTL).
ALTER TABLE application ADD COLUMN access_token_lifetime INTEGER;
ALTER TABLE application ADD COLUMN refresh_token_idle_lifetime INTEGER;
ALTER TABLE application ADD COLUMN refresh_token_max_lifetime INTEGER;
