-- When each application secret was last presented successfully (to the minute, per node), for the admin API's
-- listing of secrets: who still uses the old secret after a rotation.
ALTER TABLE application_secret ADD COLUMN last_used_at TIMESTAMP(6) WITH TIME ZONE;
