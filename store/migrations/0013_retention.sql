-- Retention (letters/retention.go, store/retention.go): when the personal
-- data of a finished case was erased, and the files an erase run still has
-- to remove from disk (rows are written in the erase transaction and
-- deleted once the file is gone, so an interrupted run finishes the next
-- time).
ALTER TABLE letters ADD COLUMN personal_erased_at TEXT;

CREATE INDEX letters_retention ON letters (completed_at)
	WHERE personal_erased_at IS NULL AND status IN ('delivered', 'closed');

CREATE TABLE retention_files (
	sha256 TEXT PRIMARY KEY
);
