-- Latchkey schema 30: an opaque (reference) access token of a grant keeps the claims request parameter
-- (OpenID Connect Core §5.5) its sign-in was made with, as the client sent it (at most 4096 characters), when
-- that asked for UserInfo claims, so that UserInfo answers it the same claims as a JWT access token of the same
-- grant (whose parameter is found by the token's id, V21). NULL: none was asked for (and for PATs and SATs).
ALTER TABLE reference_token ADD COLUMN claims_request VARCHAR(4096);
