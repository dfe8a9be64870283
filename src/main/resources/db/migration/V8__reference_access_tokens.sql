-- Latchkey schema 8: opaque (reference) access tokens as an application option, for APIs that want
-- instant revocation through introspection. They live in reference_token with kind 'at'; nobody "created"
-- them by hand, so created_by becomes optional.
ALTER TABLE application ADD COLUMN access_token_format VARCHAR(16) DEFAULT 'jwt' NOT NULL;
ALTER TABLE reference_token ALTER COLUMN created_by DROP NOT NULL;
