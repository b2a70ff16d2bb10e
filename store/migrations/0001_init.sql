-- Naskah schema, version 1. Times are TEXT in UTC, "2006-01-02T15:04:05.000Z".

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name          TEXT NOT NULL,
	nip           TEXT NOT NULL DEFAULT '',
	position      TEXT NOT NULL,
	admin         INTEGER NOT NULL DEFAULT 0,
	active        INTEGER NOT NULL DEFAULT 1,
	password_hash TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

CREATE TABLE letters (
	id                    INTEGER PRIMARY KEY,
	agenda_number         TEXT UNIQUE,          -- NULL until registered
	tracking_code         TEXT NOT NULL UNIQUE,
	category              TEXT NOT NULL,
	channel               TEXT NOT NULL,
	class                 TEXT NOT NULL DEFAULT '',
	subject               TEXT NOT NULL,
	body                  TEXT NOT NULL DEFAULT '',
	origin                TEXT NOT NULL DEFAULT '',
	ref_number            TEXT NOT NULL DEFAULT '',
	ref_date              TEXT,
	lapor_id              TEXT,                 -- NULL when not given
	message_id            TEXT,                 -- NULL when not given
	statement             INTEGER NOT NULL DEFAULT 0,
	complainant_name      TEXT NOT NULL DEFAULT '',
	complainant_nik       TEXT NOT NULL DEFAULT '',
	complainant_address   TEXT NOT NULL DEFAULT '',
	complainant_phone     TEXT NOT NULL DEFAULT '',
	complainant_email     TEXT NOT NULL DEFAULT '',
	complainant_org       TEXT NOT NULL DEFAULT '',
	anonymous             INTEGER NOT NULL DEFAULT 0,
	confidential          INTEGER NOT NULL DEFAULT 0,
	status                TEXT NOT NULL,
	responsible           TEXT NOT NULL DEFAULT '',
	holder                TEXT NOT NULL DEFAULT '',
	received_at           TEXT NOT NULL,
	registered_at         TEXT,
	first_response_due    TEXT,
	deadline              TEXT NOT NULL,
	paused_at             TEXT,
	extended              INTEGER NOT NULL DEFAULT 0,
	completed_at          TEXT,
	escalated_at          TEXT,
	created_by            INTEGER REFERENCES users (id), -- NULL for the public web form
	created_at            TEXT NOT NULL,
	updated_at            TEXT NOT NULL
);

CREATE UNIQUE INDEX letters_lapor_id ON letters (lapor_id) WHERE lapor_id IS NOT NULL AND lapor_id <> '';
CREATE UNIQUE INDEX letters_message_id ON letters (message_id) WHERE message_id IS NOT NULL AND message_id <> '';
CREATE INDEX letters_received ON letters (received_at DESC, id DESC);
CREATE INDEX letters_status ON letters (status, received_at DESC);
CREATE INDEX letters_channel ON letters (channel, received_at DESC);
CREATE INDEX letters_deadline ON letters (deadline) WHERE status NOT IN ('delivered', 'closed');

CREATE TABLE letter_events (
	id          INTEGER PRIMARY KEY,
	letter_id   INTEGER NOT NULL REFERENCES letters (id),
	action      TEXT NOT NULL,
	from_status TEXT NOT NULL DEFAULT '',
	to_status   TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	actor_id    INTEGER REFERENCES users (id),
	actor       TEXT NOT NULL DEFAULT '',
	position    TEXT NOT NULL DEFAULT '',
	at          TEXT NOT NULL
);

CREATE INDEX letter_events_letter ON letter_events (letter_id, id);

-- Files are stored once by content under attachments/ab/<sha256>.
CREATE TABLE blobs (
	sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
	size       INTEGER NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE attachments (
	id           INTEGER PRIMARY KEY,
	letter_id    INTEGER NOT NULL REFERENCES letters (id),
	sha256       TEXT NOT NULL REFERENCES blobs (sha256),
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	created_at   TEXT NOT NULL
);

CREATE INDEX attachments_letter ON attachments (letter_id, id);

CREATE TABLE numbers (
	id        INTEGER PRIMARY KEY,
	document  TEXT NOT NULL,
	year      INTEGER NOT NULL,
	seq       INTEGER NOT NULL CHECK (seq > 0),
	suffix    TEXT NOT NULL DEFAULT '',
	formatted TEXT NOT NULL,
	entity    TEXT NOT NULL DEFAULT '',
	entity_id INTEGER NOT NULL DEFAULT 0,
	issued_at TEXT NOT NULL,
	UNIQUE (document, year, seq, suffix)
);

CREATE INDEX numbers_entity ON numbers (entity, entity_id);

-- The audit log is append-only: each row carries the hash of the row
-- before it, and the triggers refuse every change.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	actor_id  INTEGER NOT NULL DEFAULT 0,
	actor     TEXT NOT NULL DEFAULT '',
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL DEFAULT '',
	entity_id INTEGER NOT NULL DEFAULT 0,
	detail    TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
);

CREATE INDEX audit_entity ON audit (entity, entity_id, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;

-- Full-text search over the agenda. The sender's name of a confidential
-- complaint is not indexed, so a search cannot reveal who sent it.
CREATE VIRTUAL TABLE letters_fts USING fts5 (
	subject, body, origin, sender,
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER letters_fts_insert AFTER INSERT ON letters
BEGIN
	INSERT INTO letters_fts (rowid, subject, body, origin, sender)
	VALUES (new.id, new.subject, new.body, new.origin,
		CASE WHEN new.confidential THEN '' ELSE new.complainant_name || ' ' || new.complainant_org END);
END;

CREATE TRIGGER letters_fts_update AFTER UPDATE OF subject, body, origin, complainant_name, complainant_org, confidential ON letters
BEGIN
	DELETE FROM letters_fts WHERE rowid = old.id;
	INSERT INTO letters_fts (rowid, subject, body, origin, sender)
	VALUES (new.id, new.subject, new.body, new.origin,
		CASE WHEN new.confidential THEN '' ELSE new.complainant_name || ' ' || new.complainant_org END);
END;

CREATE TRIGGER letters_fts_delete AFTER DELETE ON letters
BEGIN
	DELETE FROM letters_fts WHERE rowid = old.id;
END;
