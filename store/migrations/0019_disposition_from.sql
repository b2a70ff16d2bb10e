-- The letters a position disposed of are among those it may see
-- (letter_visible.go lists them for a user who does not see every
-- letter): without this index that list read every disposition.
CREATE INDEX IF NOT EXISTS dispositions_from ON dispositions (from_position, letter_id) WHERE withdrawn_at IS NULL;
