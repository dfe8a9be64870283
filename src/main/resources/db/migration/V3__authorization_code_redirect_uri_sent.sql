-- RFC 6749 §4.1.3: the token request must repeat redirect_uri exactly when the authorization request
-- included it; remember whether it did.
ALTER TABLE authorization_code ADD COLUMN redirect_uri_sent BOOLEAN DEFAULT TRUE NOT NULL;
