-- Email import speed (issue 8): the full-text index of a batch of letters
-- written at the end of the batch, in one statement.
--
-- FTS5 writes what it holds in memory to disk at every statement savepoint
-- of the transaction, so a batch that indexed each letter by the insert
-- trigger wrote one tiny index segment per letter and spent a third of the
-- import merging them. While the batch writer holds a row in
-- letters_fts_defer (inserted and deleted inside its own transaction, so
-- no other connection ever sees it), the triggers leave the letters
-- inserted after after_id to the delete trigger below, which indexes them
-- all at once when the writer deletes the row before it commits.
CREATE TABLE letters_fts_defer (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	after_id INTEGER NOT NULL
);

DROP TRIGGER letters_fts_insert;
CREATE TRIGGER letters_fts_insert AFTER INSERT ON letters
WHEN NOT EXISTS (SELECT 1 FROM letters_fts_defer WHERE new.id > after_id)
BEGIN
	INSERT INTO letters_fts (rowid, subject, body, origin, sender)
	VALUES (new.id, new.subject, new.body, new.origin,
		CASE WHEN new.confidential THEN '' ELSE new.complainant_name || ' ' || new.complainant_org END);
END;

DROP TRIGGER letters_fts_update;
CREATE TRIGGER letters_fts_update AFTER UPDATE OF subject, body, origin, complainant_name, complainant_org, confidential ON letters
WHEN NOT EXISTS (SELECT 1 FROM letters_fts_defer WHERE old.id > after_id)
BEGIN
	DELETE FROM letters_fts WHERE rowid = old.id;
	INSERT INTO letters_fts (rowid, subject, body, origin, sender)
	VALUES (new.id, new.subject, new.body, new.origin,
		CASE WHEN new.confidential THEN '' ELSE new.complainant_name || ' ' || new.complainant_org END);
END;

CREATE TRIGGER letters_fts_defer_end AFTER DELETE ON letters_fts_defer
BEGIN
	INSERT INTO letters_fts (rowid, subject, body, origin, sender)
	SELECT id, subject, body, origin,
		CASE WHEN confidential THEN '' ELSE complainant_name || ' ' || complainant_org END
	FROM letters WHERE id > old.after_id;
END;
