-- Latchkey schema 21: the OpenID Connect standard claims (Core §5.1) an account may hold besides name and email,
-- each optional (NULL: the account has none); preferred_username NULL means the username. profile_updated_at is
-- when the profile last changed (the updated_at claim); accounts that exist keep their last change.
-- The claims request parameter (Core §5.5) a sign-in was made with is remembered, as the client sent it (at most
-- 4096 characters), with its authorization code and on every refresh token of its family, so that ID tokens of
-- the code exchange and of refreshes and UserInfo honour it; UserInfo finds it by the access token's id.
ALTER TABLE account ADD COLUMN given_name VARCHAR(255);
ALTER TABLE account ADD COLUMN family_name VARCHAR(255);
ALTER TABLE account ADD COLUMN middle_name VARCHAR(255);
ALTER TABLE account ADD COLUMN nickname VARCHAR(255);
ALTER TABLE account ADD COLUMN preferred_username VARCHAR(255);
ALTER TABLE account ADD COLUMN profile_url VARCHAR(2048);
ALTER TABLE account ADD COLUMN picture_url VARCHAR(2048);
ALTER TABLE account ADD COLUMN website_url VARCHAR(2048);
ALTER TABLE account ADD COLUMN gender VARCHAR(255);
ALTER TABLE account ADD COLUMN birthdate VARCHAR(10);
ALTER TABLE account ADD COLUMN zoneinfo VARCHAR(64);
ALTER TABLE account ADD COLUMN locale VARCHAR(35);
ALTER TABLE account ADD COLUMN phone_number VARCHAR(32);
ALTER TABLE account ADD COLUMN phone_number_verified BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE account ADD COLUMN address_formatted VARCHAR(2048);
ALTER TABLE account ADD COLUMN address_street_address VARCHAR(255);
ALTER TABLE account ADD COLUMN address_locality VARCHAR(255);
ALTER TABLE account ADD COLUMN address_region VARCHAR(255);
ALTER TABLE account ADD COLUMN address_postal_code VARCHAR(255);
ALTER TABLE account ADD COLUMN address_country VARCHAR(255);
ALTER TABLE account ADD COLUMN profile_updated_at TIMESTAMP(6) WITH TIME ZONE;
UPDATE account SET profile_updated_at = updated_at;
ALTER TABLE authorization_code ADD COLUMN claims_request VARCHAR(4096);
ALTER TABLE refresh_token ADD COLUMN claims_request VARCHAR(4096);
CREATE INDEX authorization_code_access_token ON authorization_code (access_token_jti);
CREATE INDEX refresh_token_access_token ON refresh_token (access_token_jti);
-- An access token issued from the authorization endpoint (implicit, hybrid) has no code or refresh token to keep
-- the claims parameter: it is recorded with the token's id, in a family of its own, until the token expires.
ALTER TABLE issued_access_token ADD COLUMN claims_request VARCHAR(4096);
