-- Latchkey schema 14: subjects of applications, and taking back every token of a disabled application or of
-- a person whose password changed or who was disabled.

-- An application's tokens carry sub = 'client:' || client_id, which can never equal a person's subject
-- (128 random bits in base64url, never a colon). Service access tokens stored so far (account_id null)
-- take the new form; the column grows by the prefix.
ALTER TABLE reference_token ALTER COLUMN subject SET DATA TYPE VARCHAR(160);
UPDATE reference_token SET subject = CONCAT('client:', client_id) WHERE account_id IS NULL;

-- Access tokens issued before this instant (iat earlier) are inactive: set when an application is disabled,
-- and when a person is disabled or their password changes. Nothing needs to remember each JWT for this.
ALTER TABLE application ADD COLUMN tokens_not_before TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE account ADD COLUMN tokens_not_before TIMESTAMP(6) WITH TIME ZONE;
