package store

import (
	"context"
	"fmt"
	"strings"

	"naskah/letters"
)

// MyTasks lists what waits on the user in ctx, soonest deadline first: the
// drafts at a step one of the user's positions holds (konsep, paraf, tanda
// tangan, registrasi, penyerahan), and the open letters held by one of them
// that have no such draft (disposisi when the position may dispose, else
// konsep when it may draft, else tindak lanjut), at most
// letters.TaskListLimit of those, the soonest deadlines first.
func (s *WorkflowService) MyTasks(ctx context.Context) ([]*letters.Task, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p := s.db.Profile
	a, err := loadActor(ctx, tx)
	if err != nil {
		return nil, err
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(a.positions)), ", ")
	args := make([]any, 0, len(a.positions))
	for _, pos := range a.positions {
		args = append(args, pos)
	}
	out := []*letters.Task{}
	seen := map[int64]bool{}

	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.letter_id, d.type, d.holder, d.step, d.chain, l.agenda_number,
		l.subject, l.status, l.deadline FROM drafts d JOIN letters l ON l.id = d.letter_id
		WHERE d.holder IN (`+in+`) AND d.state NOT IN ('delivered') ORDER BY l.deadline, d.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: my tasks: %w", err)
	}
	var draftIDs []int64
	for rows.Next() {
		t := &letters.Task{}
		var typ, chain string
		var step int
		var agenda *string
		if err := rows.Scan(&t.DraftID, &t.LetterID, &typ, &t.Position, &step, &chain, &agenda, &t.Subject,
			&t.Status, scanTime(&t.Deadline)); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: my tasks: %w", err)
		}
		if agenda != nil {
			t.AgendaNumber = *agenda
		}
		if d := p.Document(typ); d != nil {
			t.Document = d.Name
		}
		draftIDs = append(draftIDs, t.DraftID)
		out = append(out, t)
		seen[t.LetterID] = true
	}
	rows.Close()
	for i, id := range draftIDs {
		d, err := findDraft(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		out[i].Kind = taskKind(d.CurrentStep())
	}

	rows, err = tx.QueryContext(ctx, `SELECT id, COALESCE(agenda_number, ''), subject, status, deadline, holder FROM letters
		WHERE holder IN (`+in+`) AND status <> 'closed' ORDER BY deadline, id LIMIT ?`, append(args, letters.TaskListLimit)...)
	if err != nil {
		return nil, fmt.Errorf("store: my tasks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t := &letters.Task{}
		if err := rows.Scan(&t.LetterID, &t.AgendaNumber, &t.Subject, &t.Status, scanTime(&t.Deadline), &t.Position); err != nil {
			return nil, fmt.Errorf("store: my tasks: %w", err)
		}
		if seen[t.LetterID] {
			continue
		}
		switch {
		case t.Status == letters.StatusNumbered:
			t.Kind = letters.TaskDeliver
		case (t.Status == letters.StatusRegistered || t.Status == letters.StatusVerified || t.Status == letters.StatusEscalated ||
			t.Status == letters.StatusDisposed) && p.MayPerform(t.Position, letters.ActionDispose):
			t.Kind = letters.TaskDispose
		case t.Status == letters.StatusDisposed:
			t.Kind = letters.TaskDraft
		default:
			t.Kind = letters.TaskOther
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: my tasks: %w", err)
	}
	if err := escalationTasks(ctx, tx, a, &out); err != nil {
		return nil, err
	}
	for _, t := range out {
		t.Overdue = t.Status.Open() && tx.now.After(t.Deadline)
	}
	return out, nil
}

// escalationTasks adds, for a position the escalate action names, the
// cases past their deadline by the profile's escalation.after working days
// that are not escalated yet.
func escalationTasks(ctx context.Context, tx *Tx, a *actor, out *[]*letters.Task) error {
	p := tx.db.Profile
	pos := ""
	for _, ps := range a.positions {
		if p.MayPerform(ps, letters.ActionEscalate) {
			pos = ps
			break
		}
	}
	if pos == "" || p.Escalation == nil {
		return nil
	}
	// letters_to_escalate (migration 0020) holds the open, unpaused cases
	// not escalated yet: its terms are repeated for SQLite to use it.
	rows, err := tx.QueryContext(ctx, `SELECT id, COALESCE(agenda_number, ''), subject, status, deadline
		FROM letters INDEXED BY letters_to_escalate
		WHERE status IN ('registered', 'verified', 'disposed', 'drafting', 'in_review') AND paused_at IS NULL
		AND status NOT IN ('received', 'delivered', 'closed', 'escalated')
		AND escalated_at IS NULL AND deadline < ? ORDER BY deadline LIMIT 500`, formatTime(tx.now))
	if err != nil {
		return fmt.Errorf("store: escalation tasks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t := &letters.Task{Kind: letters.TaskEscalate, Position: pos}
		if err := rows.Scan(&t.LetterID, &t.AgendaNumber, &t.Subject, &t.Status, scanTime(&t.Deadline)); err != nil {
			return fmt.Errorf("store: escalation tasks: %w", err)
		}
		if tx.db.Calendar.WorkingDaysBetween(t.Deadline, tx.now) >= p.Escalation.After {
			*out = append(*out, t)
		}
	}
	return rows.Err()
}

func taskKind(st *letters.ChainStep) string {
	if st == nil {
		return letters.TaskOther
	}
	switch st.Step {
	case letters.StepDraft:
		return letters.TaskDraft
	case letters.StepParaf:
		return letters.TaskParaf
	case letters.StepSign:
		return letters.TaskSign
	case letters.StepRegister:
		return letters.TaskRegister
	case letters.StepDeliver:
		return letters.TaskDeliver
	}
	return letters.TaskOther
}
