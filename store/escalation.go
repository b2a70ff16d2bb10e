package store

import (
	"context"
	"fmt"

	"naskah/letters"
)

// EscalateOverdue records the escalation of every open case that is past its
// deadline by more than the profile's Escalation.After working days (the
// Kalbar seed: "dapat dilanjutkan kepada Gubernur … melalui Sekretaris
// Daerah"). It is what an office would otherwise note by hand: the case
// keeps its place in the workflow (a draft in review stays in review) and
// gets EscalatedAt, a timeline entry naming where it went and an audit row,
// so it shows in the overdue queue and the reports count it. Cases paused
// while waiting for the complainant are not escalated. Offices whose
// profile has no escalation get nothing. It returns the cases escalated.
func (s *LetterService) EscalateOverdue(ctx context.Context) ([]*letters.Letter, error) {
	e := s.db.Profile.Escalation
	if e == nil {
		return nil, nil
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id FROM letters INDEXED BY letters_to_escalate
		WHERE status NOT IN ('received', 'delivered', 'closed', 'escalated')
		AND escalated_at IS NULL AND paused_at IS NULL AND deadline < ?`, formatTime(tx.now))
	if err != nil {
		return nil, fmt.Errorf("store: overdue cases: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	cal := s.db.Calendar
	var out []*letters.Letter
	for _, id := range ids {
		l, err := findLetter(ctx, tx, `id = ?`, id)
		if err != nil {
			return nil, err
		}
		if late := cal.WorkingDaysBetween(l.Deadline, tx.now); late < e.After {
			continue
		}
		now := tx.now
		l.EscalatedAt, l.UpdatedAt = &now, now
		if err := updateLetterState(ctx, tx, l); err != nil {
			return nil, err
		}
		note := "Melewati batas waktu " + letters.FormatDateTime(l.Deadline.In(cal.Location())) + "; dieskalasi kepada " + e.To
		if e.Via != "" {
			note += " melalui " + e.Via
		}
		note += "."
		ev := &letters.Event{LetterID: l.ID, Action: string(letters.ActionEscalate), From: l.Status, To: l.Status, Note: note, Actor: "Sistem"}
		if err := insertEvent(ctx, tx, ev, nil); err != nil {
			return nil, err
		}
		if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "letter.escalate", Entity: "letter",
			EntityID: l.ID, Actor: "Sistem", Detail: "Eskalasi otomatis. " + note}); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: escalate: %w", err)
	}
	return out, nil
}
