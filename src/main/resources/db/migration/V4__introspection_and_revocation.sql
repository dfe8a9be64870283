-- Latchkey schema 4: introspection and revocation (RFC 7662, RFC 7009).
-- Operators may let an application (an API gateway, say) introspect every token.
ALTER TABLE application ADD COLUMN introspect_any BOOLEAN DEFAULT FALSE NOT NULL;

-- Access tokens issued for a person's grant, so that revoking the grant's refresh token family also
-- revokes the JWT access tokens issued from it (their ids go to revoked_token until they expire).
CREATE TABLE issued_access_token (
    jti        VARCHAR(64)  NOT NULL PRIMARY KEY,
    family_id  VARCHAR(64)  NOT NULL,
    client_id  VARCHAR(128) NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX issued_access_token_family ON issued_access_token (family_id);
CREATE INDEX issued_access_token_expiry ON issued_access_token (expires_at);
