package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"naskah/letters"
)

// CountMyTasks counts what MyTasks lists for the user in ctx, in one
// statement, for the count in the navigation ("Tugas saya (7)") shown on
// every page: the drafts at a step one of the user's positions holds (own
// or delegated now), the open letters those positions hold without such a
// draft, and, for a position that may escalate, the cases past their
// deadline by the profile's escalation.after working days not escalated
// yet. The letters held and the cases to escalate are each counted up to
// upTo (letters.TaskCountCap for "Tugas saya", letters.NavTaskCap for the
// navigation; never more than letters.TaskCountCap): a count at or above it
// means at least that many. EUNAUTHORIZED without a user; an inactive user
// has no tasks.
func (s *WorkflowService) CountMyTasks(ctx context.Context, upTo int) (int, error) {
	u := letters.UserFromContext(ctx)
	if u == nil {
		return 0, letters.Errorf(letters.EUNAUTHORIZED, "Silakan masuk terlebih dahulu.")
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	upTo = min(max(upTo, 1), taskCountCap)
	// The positions first (own and delegated now), as a list: the same
	// count written over a WITH of them cost ten times as much, a fifth of
	// a millisecond on every page (issue 8).
	act, err := loadActor(ctx, tx)
	if letters.ErrorCode(err) == letters.EUNAUTHORIZED {
		return 0, nil // an inactive user has no tasks
	} else if err != nil {
		return 0, err
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(act.positions)), ", ")
	pos := make([]any, len(act.positions))
	for i, p := range act.positions {
		pos[i] = p
	}
	args := slices.Concat(pos, pos, []any{upTo}, pos, pos)
	// The open letters held are counted from letters_open_holder alone and
	// those with a draft at the same positions taken off (few), rather than
	// looking up drafts for every letter held; the status and state terms
	// are written as the partial indexes' WHERE clauses for SQLite to use them.
	query := `SELECT (SELECT COUNT(*) FROM drafts WHERE holder IN (` + in + `) AND state NOT IN ('delivered'))
		+ (SELECT COUNT(*) FROM (SELECT 1 FROM letters WHERE holder IN (` + in + `) AND status <> 'closed' LIMIT ?))
		- (SELECT COUNT(DISTINCT d.letter_id) FROM drafts d JOIN letters l ON l.id = d.letter_id
			WHERE d.holder IN (` + in + `) AND d.state NOT IN ('delivered') AND l.holder IN (` + in + `) AND l.status <> 'closed')`
	if esc := s.escalators(); slices.ContainsFunc(act.positions, func(p string) bool { return slices.Contains(esc, p) }) {
		// The same cases as escalationTasks: past the deadline by at least
		// escalation.after working days, i.e. a deadline before the cutoff.
		query += `
		+ (SELECT COUNT(*) FROM (SELECT 1 FROM letters INDEXED BY letters_to_escalate
				WHERE status IN ('registered', 'verified', 'disposed', 'drafting', 'in_review')
				AND status NOT IN ('received', 'delivered', 'closed', 'escalated')
				AND paused_at IS NULL AND escalated_at IS NULL AND deadline < ? LIMIT ?))`
		args = append(args, formatTime(escalationCutoff(s.db.Calendar, tx.now, s.db.Profile.Escalation.After)), upTo)
	}
	var n int
	if err := tx.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count my tasks: %w", err)
	}
	return n, nil
}

// taskCountCap is letters.TaskCountCap; tests lower it (export_test.go).
var taskCountCap = letters.TaskCountCap

// escalators lists the positions that may escalate a late case; none when
// the profile has no escalation.
func (s *WorkflowService) escalators() []string {
	p := s.db.Profile
	if p.Escalation == nil {
		return nil
	}
	var out []string
	for _, pos := range p.Positions {
		if p.MayPerform(pos.Code, letters.ActionEscalate) {
			out = append(out, pos.Code)
		}
	}
	return out
}

// escalationCutoff is the earliest deadline that is not yet after working
// days late at now: a case is due for escalation when its deadline is
// before it (and before now). WorkingDaysBetween counts by local date, so
// the cutoff is the start of a local day, or now itself when after is 0.
func escalationCutoff(cal *letters.Calendar, now time.Time, after int) time.Time {
	if after <= 0 {
		return now
	}
	loc := cal.Location()
	y, m, d := now.In(loc).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	// Walk back to the latest date that is after working days before now;
	// a year covers any escalation rule an office writes.
	for i := 0; i < 366; i++ {
		if cal.WorkingDaysBetween(day, now) >= after {
			return day.AddDate(0, 0, 1)
		}
		day = day.AddDate(0, 0, -1)
	}
	return day
}
