-- Reports the office has sent: one row per duty (period kind, recipient,
-- responsible position) and period, so the reminder stops for that period.
CREATE TABLE report_sent (
	period_kind TEXT NOT NULL,
	recipient   TEXT NOT NULL,
	responsible TEXT NOT NULL,
	period      TEXT NOT NULL, -- Period.String(), e.g. 2026-10
	sent_at     TEXT NOT NULL,
	note        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (period_kind, recipient, responsible, period)
);
