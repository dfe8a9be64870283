-- Latchkey schema 21: two exceptions an operator may allow a confidential web application whose relying party
-- cannot do better. pkce: 'required' (everyone's default) or 'optional' (OpenID Connect code requests without
-- code_challenge are accepted, RFC 9700 §2.1.1); implicit_by_fragment: implicit responses (id_token,
-- id_token token) may be sent in the fragment, not only by form_post. A code issued without PKCE has no
-- challenge.
ALTER TABLE application ADD COLUMN pkce VARCHAR(16) DEFAULT 'required' NOT NULL;
ALTER TABLE application ADD COLUMN implicit_by_fragment BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE authorization_code ALTER COLUMN code_challenge DROP NOT NULL;
