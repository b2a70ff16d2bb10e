-- Surat Pengantar Laporan (issue 5): a cover letter for a report is a draft
-- of no letter, so drafts.letter_id and documents.letter_id become nullable.
-- SQLite cannot drop NOT NULL in place: the draft tables are rebuilt. The new
-- children reference drafts_new, so dropping the old parent breaks no
-- foreign key, and renaming drafts_new rewrites their references to drafts.

CREATE TABLE drafts_new (
	id          INTEGER PRIMARY KEY,
	letter_id   INTEGER REFERENCES letters (id), -- NULL for a report cover letter
	type        TEXT NOT NULL,
	title       TEXT NOT NULL,
	state       TEXT NOT NULL,
	version     INTEGER NOT NULL DEFAULT 0,
	step        INTEGER NOT NULL DEFAULT 0,
	chain       TEXT NOT NULL, -- JSON array of chain steps, fixed at creation
	holder      TEXT NOT NULL DEFAULT '',
	return_note TEXT NOT NULL DEFAULT '',
	created_by  INTEGER NOT NULL REFERENCES users (id),
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
INSERT INTO drafts_new (id, letter_id, type, title, state, version, step, chain, holder, return_note, created_by, created_at, updated_at)
	SELECT id, letter_id, type, title, state, version, step, chain, holder, return_note, created_by, created_at, updated_at FROM drafts;

CREATE TABLE draft_positions_new (
	draft_id INTEGER NOT NULL REFERENCES drafts_new (id),
	position TEXT NOT NULL,
	PRIMARY KEY (draft_id, position)
);
INSERT INTO draft_positions_new (draft_id, position) SELECT draft_id, position FROM draft_positions;

CREATE TABLE draft_versions_new (
	draft_id  INTEGER NOT NULL REFERENCES drafts_new (id),
	version   INTEGER NOT NULL,
	addressee TEXT NOT NULL DEFAULT '',
	body      TEXT NOT NULL,
	fields    TEXT NOT NULL DEFAULT '{}', -- JSON object
	note      TEXT NOT NULL DEFAULT '',
	by_id     INTEGER NOT NULL REFERENCES users (id),
	by_name   TEXT NOT NULL,
	at        TEXT NOT NULL,
	PRIMARY KEY (draft_id, version)
);
INSERT INTO draft_versions_new (draft_id, version, addressee, body, fields, note, by_id, by_name, at)
	SELECT draft_id, version, addressee, body, fields, note, by_id, by_name, at FROM draft_versions;

CREATE TABLE approvals_new (
	id        INTEGER PRIMARY KEY,
	draft_id  INTEGER NOT NULL REFERENCES drafts_new (id),
	version   INTEGER NOT NULL,
	step      INTEGER NOT NULL,
	kind      TEXT NOT NULL,
	position  TEXT NOT NULL,
	short     TEXT NOT NULL DEFAULT '',
	user_id   INTEGER NOT NULL REFERENCES users (id),
	name      TEXT NOT NULL,
	title     TEXT NOT NULL, -- position title as printed, e.g. "Plh. Sekretaris ..."
	nip       TEXT NOT NULL DEFAULT '',
	note      TEXT NOT NULL DEFAULT '',
	at        TEXT NOT NULL,
	revoked   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO approvals_new (id, draft_id, version, step, kind, position, short, user_id, name, title, nip, note, at, revoked)
	SELECT id, draft_id, version, step, kind, position, short, user_id, name, title, nip, note, at, revoked FROM approvals;

CREATE TABLE documents_new (
	id           INTEGER PRIMARY KEY,
	letter_id    INTEGER REFERENCES letters (id), -- NULL for a report cover letter
	draft_id     INTEGER NOT NULL UNIQUE REFERENCES drafts_new (id),
	type         TEXT NOT NULL,
	title        TEXT NOT NULL,
	number_id    INTEGER NOT NULL UNIQUE REFERENCES numbers (id),
	number       TEXT NOT NULL,
	version      INTEGER NOT NULL,
	signer_name  TEXT NOT NULL,
	signer_title TEXT NOT NULL,
	signer_nip   TEXT NOT NULL DEFAULT '',
	signed_at    TEXT NOT NULL,
	sha256       TEXT NOT NULL REFERENCES blobs (sha256),
	size         INTEGER NOT NULL,
	verify_code  TEXT NOT NULL UNIQUE,
	parafs       TEXT NOT NULL DEFAULT '[]', -- JSON: the chain as printed
	delivery     TEXT NOT NULL DEFAULT '',
	delivered_at TEXT,
	received_by  TEXT NOT NULL DEFAULT '',
	lapor_text   TEXT NOT NULL DEFAULT '',
	record       TEXT NOT NULL DEFAULT '',
	record_sig   TEXT NOT NULL DEFAULT '' -- base64
);
INSERT INTO documents_new (id, letter_id, draft_id, type, title, number_id, number, version, signer_name, signer_title,
	signer_nip, signed_at, sha256, size, verify_code, parafs, delivery, delivered_at, received_by, lapor_text, record, record_sig)
	SELECT id, letter_id, draft_id, type, title, number_id, number, version, signer_name, signer_title,
	signer_nip, signed_at, sha256, size, verify_code, parafs, delivery, delivered_at, received_by, lapor_text, record, record_sig
	FROM documents;

DROP TABLE approvals;
DROP TABLE draft_versions;
DROP TABLE draft_positions;
DROP TABLE documents;
DROP TABLE drafts;

ALTER TABLE drafts_new RENAME TO drafts;
ALTER TABLE draft_positions_new RENAME TO draft_positions;
ALTER TABLE draft_versions_new RENAME TO draft_versions;
ALTER TABLE approvals_new RENAME TO approvals;
ALTER TABLE documents_new RENAME TO documents;

CREATE INDEX drafts_letter ON drafts (letter_id, id);
CREATE INDEX drafts_holder ON drafts (holder) WHERE state NOT IN ('delivered');
CREATE INDEX draft_positions_position ON draft_positions (position);
CREATE INDEX approvals_draft ON approvals (draft_id, version, step);
CREATE INDEX documents_letter ON documents (letter_id, id);

-- The report duty and period a cover letter draft is for. One cover per duty
-- and period: a second is refused while the first exists.
CREATE TABLE report_covers (
	draft_id    INTEGER PRIMARY KEY REFERENCES drafts (id),
	period_kind TEXT NOT NULL,
	recipient   TEXT NOT NULL,
	responsible TEXT NOT NULL,
	period      TEXT NOT NULL, -- Period.String(), e.g. 2026-10
	UNIQUE (period_kind, recipient, responsible, period)
);
