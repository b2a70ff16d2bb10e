-- Dispositions, drafts with versions, paraf marks, signed documents,
-- deliveries and delegations (issue 3).

CREATE TABLE dispositions (
	id            INTEGER PRIMARY KEY,
	letter_id     INTEGER NOT NULL REFERENCES letters (id),
	parent_id     INTEGER REFERENCES dispositions (id),
	number        TEXT NOT NULL,
	from_position TEXT NOT NULL,
	instructions  TEXT NOT NULL DEFAULT '[]', -- JSON array
	nature        TEXT NOT NULL,
	due           TEXT,
	by_id         INTEGER NOT NULL REFERENCES users (id),
	by_name       TEXT NOT NULL,
	by_nip        TEXT NOT NULL DEFAULT '',
	at            TEXT NOT NULL,
	opened_at     TEXT,
	withdrawn_at  TEXT,
	sheet_sha256  TEXT REFERENCES blobs (sha256)
);

CREATE INDEX dispositions_letter ON dispositions (letter_id, id);

CREATE TABLE disposition_targets (
	disposition_id INTEGER NOT NULL REFERENCES dispositions (id),
	position       TEXT NOT NULL,
	ord            INTEGER NOT NULL,
	PRIMARY KEY (disposition_id, position)
);

CREATE INDEX disposition_targets_position ON disposition_targets (position);

CREATE TABLE drafts (
	id          INTEGER PRIMARY KEY,
	letter_id   INTEGER NOT NULL REFERENCES letters (id),
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

CREATE INDEX drafts_letter ON drafts (letter_id, id);
CREATE INDEX drafts_holder ON drafts (holder) WHERE state NOT IN ('delivered');

-- Positions with a step in a draft's chain may see its letter.
CREATE TABLE draft_positions (
	draft_id INTEGER NOT NULL REFERENCES drafts (id),
	position TEXT NOT NULL,
	PRIMARY KEY (draft_id, position)
);

CREATE INDEX draft_positions_position ON draft_positions (position);

CREATE TABLE draft_versions (
	draft_id  INTEGER NOT NULL REFERENCES drafts (id),
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

-- A paraf or signature on one version at one step. A return revokes the
-- marks from the step returned to onwards; a new version makes all earlier
-- marks stale because they name the old version.
CREATE TABLE approvals (
	id        INTEGER PRIMARY KEY,
	draft_id  INTEGER NOT NULL REFERENCES drafts (id),
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

CREATE INDEX approvals_draft ON approvals (draft_id, version, step);

CREATE TABLE documents (
	id           INTEGER PRIMARY KEY,
	letter_id    INTEGER NOT NULL REFERENCES letters (id),
	draft_id     INTEGER NOT NULL UNIQUE REFERENCES drafts (id),
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
	lapor_text   TEXT NOT NULL DEFAULT ''
);

CREATE INDEX documents_letter ON documents (letter_id, id);

CREATE TABLE delegations (
	id         INTEGER PRIMARY KEY,
	position   TEXT NOT NULL,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	kind       TEXT NOT NULL CHECK (kind IN ('Plt.', 'Plh.')),
	from_at    TEXT NOT NULL,
	to_at      TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);

CREATE INDEX delegations_user ON delegations (user_id, to_at);
