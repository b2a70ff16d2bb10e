-- The open letters a position holds: "Tugas saya" lists them by deadline
-- and the navigation counts them on every page (task.go, task_count.go).
-- letters_holder answers the holder but leaves the status to be read from
-- each row: at a million letters a front office holding 14,000 open cases
-- paid about 25 ms a page for that. This index holds only open letters, so
-- the count reads the index alone and the list walks it in deadline order.
-- The queries must say status <> 'closed' in these very words for SQLite
-- to use it.
CREATE INDEX IF NOT EXISTS letters_open_holder ON letters (holder, deadline) WHERE status <> 'closed';
