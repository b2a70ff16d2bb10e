-- Second factor (TOTP, RFC 6238) for staff: the shared secret, sealed with
-- the data directory's key like a NIK, and the last time step accepted, so
-- that a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_step INTEGER NOT NULL DEFAULT 0;
