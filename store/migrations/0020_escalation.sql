-- The cases a late-case escalation may still take (escalation.go, the
-- head's "Tugas saya" and its count in the navigation on every page): open,
-- not paused, not escalated yet. Through letters_status SQLite read every
-- open letter to find the few (20 ms a page for the head at a million
-- letters, all of them escalated long ago); this index holds only those
-- cases, by deadline. The queries repeat its WHERE terms in these very
-- words for SQLite to use it.
CREATE INDEX IF NOT EXISTS letters_to_escalate ON letters (deadline)
	WHERE status NOT IN ('received', 'delivered', 'closed', 'escalated') AND escalated_at IS NULL AND paused_at IS NULL;
