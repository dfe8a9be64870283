-- Latchkey schema 25: what the posture review knows of each application's use, noted by the token path at most
-- once an hour per application (and per application and scope) on each node.

-- When a grant last issued the application an access token. observed_since: for an application that existed when
-- this schema arrived, the instant noting began (nothing before it is known); null for later applications, which
-- are watched from their creation.
CREATE TABLE application_use (
    client_id      VARCHAR(128) NOT NULL PRIMARY KEY,
    observed_since TIMESTAMP(6) WITH TIME ZONE,
    last_token_at  TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT application_use_application FOREIGN KEY (client_id) REFERENCES application (client_id) ON DELETE CASCADE
);
INSERT INTO application_use (client_id, observed_since) SELECT client_id, CURRENT_TIMESTAMP FROM application;

-- When an access token issued by a grant last carried each scope of an application.
CREATE TABLE application_scope_use (
    client_id       VARCHAR(128) NOT NULL,
    scope_name      VARCHAR(128) NOT NULL,
    last_granted_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, scope_name),
    CONSTRAINT application_scope_use_application FOREIGN KEY (client_id) REFERENCES application (client_id)
        ON DELETE CASCADE
);
