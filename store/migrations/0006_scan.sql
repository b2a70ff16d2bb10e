-- Text extraction (OCR) of attachments. One row per PDF, JPEG or PNG
-- attachment, queued by a trigger in the transaction that stores the
-- attachment, whatever stored it (intake, mail). The row is the job: a
-- worker leases it (status running, lease_until) and writes the result; a
-- lease that runs out (the worker stopped) makes the job claimable again.
CREATE TABLE scans (
	attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id),
	letter_id     INTEGER NOT NULL REFERENCES letters (id),
	status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
	method        TEXT NOT NULL DEFAULT '',   -- text, ocr or mixed
	pages         INTEGER NOT NULL DEFAULT 0,
	text          TEXT NOT NULL DEFAULT '',
	reason        TEXT NOT NULL DEFAULT '',   -- why it failed, for the clerk
	suggestion    TEXT NOT NULL DEFAULT '',   -- JSON of letters.Suggestion
	attempts      INTEGER NOT NULL DEFAULT 0,
	lease_until   TEXT,
	duration_ms   INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

CREATE INDEX scans_queue ON scans (status, attachment_id) WHERE status IN ('pending', 'running');
CREATE INDEX scans_letter ON scans (letter_id, attachment_id);

CREATE TRIGGER scans_enqueue AFTER INSERT ON attachments
WHEN new.content_type IN ('application/pdf', 'image/jpeg', 'image/png')
BEGIN
	INSERT INTO scans (attachment_id, letter_id, created_at, updated_at)
	VALUES (new.id, new.letter_id, new.created_at, new.created_at);
END;

-- Attachments stored before this migration are read too.
INSERT INTO scans (attachment_id, letter_id, created_at, updated_at)
SELECT id, letter_id, created_at, created_at FROM attachments
WHERE content_type IN ('application/pdf', 'image/jpeg', 'image/png');

-- The text of the scans, searched by FindLetters beside letters_fts. The
-- rowid is the attachment's id. Scans of confidential complaints are not
-- indexed: their text names the complainant.
CREATE VIRTUAL TABLE scans_fts USING fts5 (
	text, letter_id UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER scans_fts_confidential AFTER UPDATE OF confidential ON letters
WHEN new.confidential <> old.confidential
BEGIN
	DELETE FROM scans_fts WHERE rowid IN (SELECT attachment_id FROM scans WHERE letter_id = new.id);
	INSERT INTO scans_fts (rowid, text, letter_id)
	SELECT attachment_id, text, letter_id FROM scans
	WHERE letter_id = new.id AND status = 'done' AND NOT new.confidential;
END;
