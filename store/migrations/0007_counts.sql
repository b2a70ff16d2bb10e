-- Speed at a million letters (issue 8).
--
-- The agenda shows how many letters it holds. Counting a million index
-- entries takes tens of milliseconds on every page view, so the number is
-- kept here by triggers and read when no filter applies.
CREATE TABLE letter_count (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);

INSERT INTO letter_count (id, n) SELECT 1, COUNT(*) FROM letters;

CREATE TRIGGER letter_count_insert AFTER INSERT ON letters
BEGIN
	UPDATE letter_count SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER letter_count_delete AFTER DELETE ON letters
BEGIN
	UPDATE letter_count SET n = n - 1 WHERE id = 1;
END;

-- "Tugas saya" lists the open letters a position holds by deadline
-- (task.go); without this index it reads every letter. Closed letters hold
-- no position, so they add nothing to the index ranges searched.
CREATE INDEX letters_holder ON letters (holder, deadline);

-- Overdue cases (Tugas saya, the agenda's "terlambat" filter): the same
-- condition as FindLetters, so the count reads only this index and the page
-- sorts index entries, not letters. It replaces letters_deadline, which
-- left paused_at to be read from every open letter.
DROP INDEX letters_deadline;
CREATE INDEX letters_overdue ON letters (deadline, received_at)
	WHERE status NOT IN ('delivered', 'closed') AND paused_at IS NULL;

-- Open looks for NIKs still stored in clear (nik_crypt.go) at every start;
-- this index holds only those rows, so the check does not read every letter
-- (a second at a million letters).
CREATE INDEX letters_clear_nik ON letters (id)
	WHERE complainant_nik <> '' AND complainant_nik NOT LIKE 'enc1:%';
