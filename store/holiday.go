package store

import (
	"context"
	"fmt"

	"naskah/letters"
)

var _ letters.HolidayService = (*HolidayService)(nil)

// HolidayService stores the days off an office adds.
type HolidayService struct {
	db *DB
}

// NewHolidayService returns the holiday service of db.
func NewHolidayService(db *DB) *HolidayService { return &HolidayService{db: db} }

// FindHolidays lists the added days in date order.
func (s *HolidayService) FindHolidays(ctx context.Context) ([]letters.CalendarDay, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findHolidays(ctx, tx)
}

func findHolidays(ctx context.Context, tx *Tx) ([]letters.CalendarDay, error) {
	rows, err := tx.QueryContext(ctx, `SELECT date, kind, name FROM holidays ORDER BY date`)
	if err != nil {
		return nil, fmt.Errorf("find holidays: %w", err)
	}
	defer rows.Close()
	var out []letters.CalendarDay
	for rows.Next() {
		var d letters.CalendarDay
		if err := rows.Scan(&d.Date, &d.Kind, &d.Name); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// AddHolidays stores the days that the calendar does not have yet, all in
// one transaction, and rebuilds the calendar in use.
func (s *HolidayService) AddHolidays(ctx context.Context, days []letters.CalendarDay) (int, error) {
	user := letters.UserFromContext(ctx)
	// Check every day first (date, kind) so that a bad line stores nothing.
	if _, err := letters.NewCalendar(s.db.Calendar.Location(), days); err != nil {
		return 0, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	added := 0
	for _, d := range days {
		if d.Kind == "" {
			d.Kind = letters.KindLiburKantor
		}
		if s.db.Calendar.HasDay(d.Date) {
			continue
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO holidays (date, kind, name, created_by, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (date) DO NOTHING`,
			d.Date, d.Kind, d.Name, actorName(user), formatTime(tx.now))
		if err != nil {
			return 0, fmt.Errorf("add holiday %s: %w", d.Date, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			added++
		}
	}
	if added > 0 {
		err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "calendar.add", Entity: "calendar",
			Actor: actorName(user), Detail: fmt.Sprintf("%d hari libur ditambahkan ke kalender kantor.", added)})
		if err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return added, s.db.Calendar.AddDays(days)
}
