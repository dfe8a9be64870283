-- Latchkey schema 7: the response types an application may ask for. 'code' for everyone; hybrid
-- ('code id_token', 'code token', 'code id_token token') and implicit ('id_token', 'id_token token')
-- only where an operator allowed them, space-separated values separated by commas.
ALTER TABLE application ADD COLUMN response_types VARCHAR(256) DEFAULT 'code' NOT NULL;
