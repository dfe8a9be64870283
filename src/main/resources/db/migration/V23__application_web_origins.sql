-- The explicit CORS origins (scheme://host[:port]) of public applications whose pages call the token, userinfo
-- and revocation endpoints from another origin than their redirect URIs'. No row: the redirect URIs' origins.
CREATE TABLE application_web_origin (
    application_id BIGINT        NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    sort_order     INTEGER       NOT NULL,
    origin         VARCHAR(2048) NOT NULL,
    PRIMARY KEY (application_id, sort_order)
);
