-- Latchkey schema 22: an application's public keys and signing algorithms (OIDC Dynamic Client Registration §2
-- names). jwks: its JWK Set as JSON text (public keys only), or jwks_uri where it publishes one (never both);
-- request_object_signing_alg: 'RS256', 'PS256', 'ES256' or 'none' (unsigned request objects, only where an
-- operator allows them), NULL for any of the three signed ones; id_token_signed_response_alg: one of the enabled
-- signing algorithms, NULL for the server's default.
ALTER TABLE application ADD COLUMN jwks VARCHAR(65536);
ALTER TABLE application ADD COLUMN jwks_uri VARCHAR(2048);
ALTER TABLE application ADD COLUMN request_object_signing_alg VARCHAR(16);
ALTER TABLE application ADD COLUMN id_token_signed_response_alg VARCHAR(16);
