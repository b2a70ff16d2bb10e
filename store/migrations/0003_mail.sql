-- Mail: every message fetched by IMAP or imported from a file is recorded
-- here, whatever became of it, in the same transaction as its letter.

CREATE TABLE mail_messages (
	id           INTEGER PRIMARY KEY,
	folder       TEXT NOT NULL,              -- "imap:INBOX" or "import"
	uid_validity INTEGER NOT NULL DEFAULT 0, -- 0 for imported files
	uid          INTEGER NOT NULL DEFAULT 0,
	message_id   TEXT NOT NULL DEFAULT '',   -- without brackets
	hash         TEXT NOT NULL,              -- SHA-256 of the raw message
	raw          BLOB,                       -- the raw message kept as evidence, when small
	raw_sha256   TEXT REFERENCES blobs (sha256), -- else the raw message's file
	subject      TEXT NOT NULL DEFAULT '',
	sender       TEXT NOT NULL DEFAULT '',   -- "Name <address>"
	sent_at      TEXT,                       -- the Date header
	outcome      TEXT NOT NULL CHECK (outcome IN ('letter', 'reply', 'duplicate', 'auto_reply', 'refused', 'sent')),
	reason       TEXT NOT NULL DEFAULT '',
	flags        TEXT NOT NULL DEFAULT '',   -- one per line, for the clerk
	letter_id    INTEGER REFERENCES letters (id),
	body         TEXT NOT NULL DEFAULT '',   -- the plain text
	html         TEXT NOT NULL DEFAULT '',   -- sanitised HTML, for display only
	path         TEXT NOT NULL DEFAULT '',   -- the imported file
	created_at   TEXT NOT NULL
);

CREATE UNIQUE INDEX mail_messages_uid ON mail_messages (folder, uid_validity, uid) WHERE uid > 0;
CREATE INDEX mail_messages_message_id ON mail_messages (message_id) WHERE message_id <> '';
CREATE INDEX mail_messages_hash ON mail_messages (hash);
CREATE INDEX mail_messages_letter ON mail_messages (letter_id, id) WHERE letter_id IS NOT NULL;

-- Where the fetcher stands in each IMAP folder.
CREATE TABLE mail_folders (
	folder       TEXT PRIMARY KEY,
	uid_validity INTEGER NOT NULL,
	last_uid     INTEGER NOT NULL,
	updated_at   TEXT NOT NULL
);

-- Mail the office sends (answers, kelengkapan notices), kept until it is
-- delivered; failures are retried and shown on the case.
CREATE TABLE mail_outbox (
	id           INTEGER PRIMARY KEY,
	letter_id    INTEGER NOT NULL REFERENCES letters (id),
	kind         TEXT NOT NULL,
	to_address   TEXT NOT NULL,
	to_name      TEXT NOT NULL DEFAULT '',
	subject      TEXT NOT NULL,
	body         TEXT NOT NULL,
	message_id   TEXT NOT NULL UNIQUE,
	in_reply_to  TEXT NOT NULL DEFAULT '',
	document_id  INTEGER,                   -- the signed document it delivers (documents.id), if any
	status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
	attempts     INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT NOT NULL DEFAULT '',
	next_attempt TEXT NOT NULL,
	sent_at      TEXT,
	created_at   TEXT NOT NULL
);

CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt) WHERE status = 'pending';
CREATE INDEX mail_outbox_letter ON mail_outbox (letter_id, id);
CREATE UNIQUE INDEX mail_outbox_document ON mail_outbox (document_id) WHERE document_id IS NOT NULL;

CREATE TABLE mail_outbox_files (
	id           INTEGER PRIMARY KEY,
	outbox_id    INTEGER NOT NULL REFERENCES mail_outbox (id),
	sha256       TEXT NOT NULL REFERENCES blobs (sha256),
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL
);

CREATE INDEX mail_outbox_files_outbox ON mail_outbox_files (outbox_id, id);
