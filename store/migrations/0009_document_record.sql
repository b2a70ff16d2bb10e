-- The approval record of a signed document (number, SHA-256, version, every
-- paraf with who and when) and the office key's signature over it.
ALTER TABLE documents ADD COLUMN record TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN record_sig TEXT NOT NULL DEFAULT ''; -- base64
