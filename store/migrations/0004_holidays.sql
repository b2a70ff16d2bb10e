-- Days off the office adds itself: a later year's national holidays and cuti
-- bersama (published each year by SKB 3 Menteri) and regional holidays.
CREATE TABLE holidays (
	date       TEXT PRIMARY KEY, -- YYYY-MM-DD
	kind       TEXT NOT NULL,    -- libur_nasional, cuti_bersama, libur_daerah, libur_kantor
	name       TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
