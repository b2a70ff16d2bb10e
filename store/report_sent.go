package store

import (
	"context"
	"fmt"
	"time"

	"naskah/letters"
)

// reportSentMigration is the migration from which reports sent are recorded.
const reportSentMigration = "migrations/0010_report_sent.sql"

// MarkReportSent records that the report of duty for period per was sent,
// so Profile.ReportTasks no longer lists it. Marking it again keeps the
// first record.
func (db *DB) MarkReportSent(ctx context.Context, duty letters.ReportDuty, per letters.Period, note string) error {
	if per.Kind != duty.Period {
		return letters.Errorf(letters.EINVALID, "Periode %s bukan periode laporan %s.", per.String(), duty.Period)
	}
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO report_sent (period_kind, recipient, responsible, period, sent_at, note)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, duty.Period, duty.Recipient, duty.Responsible,
		per.String(), formatTime(tx.now), note); err != nil {
		return fmt.Errorf("store: mark report sent: %w", err)
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "report.sent", Entity: "report", EntityID: 0,
		Detail: fmt.Sprintf("Laporan %s %s kepada %s tercatat terkirim.", per.KindLabel(), per.Label(), duty.Recipient)}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: mark report sent: %w", err)
	}
	return nil
}

// ReportSent returns the sent callback of Profile.ReportTasks: whether the
// report of a duty for a period is recorded as sent. A period whose due
// month ended before the office began recording (migration 0010 applied)
// counts as sent, so a new installation is not reminded of a year of
// reports it sent on paper. It reads the records once, so the callback does
// no I/O.
func (db *DB) ReportSent(ctx context.Context) (func(letters.ReportDuty, letters.Period) bool, error) {
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var since time.Time
	var applied string
	if err := tx.QueryRowContext(ctx, `SELECT applied_at FROM migrations WHERE name = ?`, reportSentMigration).Scan(&applied); err != nil {
		return nil, fmt.Errorf("store: report sent: %w", err)
	}
	if since, err = time.Parse(timeLayout, applied); err != nil {
		return nil, fmt.Errorf("store: report sent: %w", err)
	}
	loc := db.Calendar.Location()
	rows, err := tx.QueryContext(ctx, `SELECT period_kind, recipient, responsible, period FROM report_sent`)
	if err != nil {
		return nil, fmt.Errorf("store: report sent: %w", err)
	}
	defer rows.Close()
	sent := map[[4]string]bool{}
	for rows.Next() {
		var k [4]string
		if err := rows.Scan(&k[0], &k[1], &k[2], &k[3]); err != nil {
			return nil, fmt.Errorf("store: report sent: %w", err)
		}
		sent[k] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: report sent: %w", err)
	}
	return func(d letters.ReportDuty, p letters.Period) bool {
		if !p.End(loc).AddDate(0, 1, 0).After(since) {
			return true
		}
		return sent[[4]string{d.Period, d.Recipient, d.Responsible, p.String()}]
	}, nil
}

// ReportSent is DB.ReportSent for the web layer, which sees the store only
// through its services.
func (s *LetterService) ReportSent(ctx context.Context) (func(letters.ReportDuty, letters.Period) bool, error) {
	return s.db.ReportSent(ctx)
}
