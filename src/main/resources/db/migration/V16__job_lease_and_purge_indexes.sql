-- Latchkey schema 19: background jobs run once per cluster, and the indexes their purge of expired rows uses.

-- One row per job (inserted by the first node that wants to run it). A node runs a job only after moving
-- its lease with one conditional UPDATE ... WHERE lease_until <= now: of several nodes trying at the same instant,
-- exactly one moves it (the row lock orders them, and the others then see the new lease_until), and the lease
-- lasts the job's whole period, so the job runs once per period on the whole cluster. holder names the node.
CREATE TABLE job_lease (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(200) NOT NULL,
    taken_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    lease_until TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Each purge statement finds its batch of expired rows by an index (revoked_token and issued_access_token
-- have theirs since schema 1 and 4; login_throttle is found by updated_at).
CREATE INDEX authorization_code_expiry ON authorization_code (expires_at);
CREATE INDEX browser_session_expiry ON browser_session (expires_at);
CREATE INDEX browser_session_idle_expiry ON browser_session (idle_expires_at);
CREATE INDEX authorization_interaction_expiry ON authorization_interaction (expires_at);
CREATE INDEX refresh_token_family_expiry ON refresh_token (family_expires_at);
CREATE INDEX reference_token_expiry ON reference_token (expires_at);
CREATE INDEX reference_token_revoked ON reference_token (revoked_at);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);
