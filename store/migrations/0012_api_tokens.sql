-- API tokens for scripts calling /api/v1 with "Authorization: Bearer …".
-- Only the SHA-256 hash of the 256-bit random secret is kept; the secret is
-- shown once, when the token is made. scopes is a comma-separated list
-- (letters:read,letters:write). A revoked or expired token is refused at
-- once; rows are kept for the audit trail.
CREATE TABLE api_tokens (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	name         TEXT NOT NULL,
	scopes       TEXT NOT NULL,
	token_hash   TEXT NOT NULL UNIQUE, -- hex SHA-256 of the secret
	created_at   TEXT NOT NULL,
	last_used_at TEXT,
	expires_at   TEXT,
	revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);
