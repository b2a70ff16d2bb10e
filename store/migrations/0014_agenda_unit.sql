-- The agenda's unit filter (letter_unit.go): the letters disposed to a
-- position or one below it. disposition_targets_position holds the rowid,
-- not the disposition, so SQLite read every disposition rather than look
-- each target up; this index answers the targets of a few positions alone.
CREATE INDEX IF NOT EXISTS disposition_targets_unit ON disposition_targets (position, disposition_id);
