package store

import (
	"context"
	"fmt"
	"strings"

	"naskah/letters"
)

// follow moves the letter with an answer's step: the state machine's
// action when the letter's status allows it, otherwise (a second document
// of the same case) only a timeline row. The letter's holder follows the
// draft's chain. Side documents (kelengkapan) leave status and holder alone;
// a report cover letter has no letter to move.
func follow(ctx context.Context, tx *Tx, d *letters.Draft, user *letters.User, action letters.Action, note string) error {
	if d.LetterID == 0 {
		return nil
	}
	l, err := findLetter(ctx, tx, `id = ?`, d.LetterID)
	if err != nil {
		return err
	}
	if !answers(d.Type) {
		return letterEvent(ctx, tx, l, user, string(action)+"_side", note)
	}
	holder := d.Holder
	if to, err := letters.NextStatus(l.Status, action); err == nil {
		if holder == "" {
			holder = holderFor(tx.db.Profile, to)
		}
		return moveLetter(ctx, tx, l, user, action, holder, note)
	}
	if holder == "" {
		holder = l.Holder
	}
	if err := setHolder(ctx, tx, l, holder); err != nil {
		return err
	}
	return letterEvent(ctx, tx, l, user, string(action), note)
}

// saveStep writes the draft's step, holder, state and return note.
func saveStep(ctx context.Context, tx *Tx, d *letters.Draft) error {
	d.Holder = ""
	if st := d.CurrentStep(); st != nil {
		d.Holder = st.Position
	}
	d.UpdatedAt = tx.now
	if _, err := tx.ExecContext(ctx, `UPDATE drafts SET step = ?, holder = ?, state = ?, return_note = ?, updated_at = ?
		WHERE id = ?`, d.Step, d.Holder, d.State, d.ReturnNote, formatTime(tx.now), d.ID); err != nil {
		return fmt.Errorf("store: update draft: %w", err)
	}
	return nil
}

// SubmitDraft sends the latest version from the drafter up the chain.
func (s *WorkflowService) SubmitDraft(ctx context.Context, id int64) (*letters.Draft, error) {
	return s.inTx(ctx, func(tx *Tx) (*letters.Draft, error) {
		a, d, err := s.stepActor(ctx, tx, id, letters.StepDraft)
		if err != nil {
			return nil, err
		}
		if len(d.Chain) < 2 {
			return nil, letters.Errorf(letters.ECONFLICT, "Rantai persetujuan %s tidak memuat penandatangan.", d.Title)
		}
		// The drafter's own mark (konseptor) heads the paraf table.
		m, err := insertMark(ctx, tx, s.db.Profile, a, d, "")
		if err != nil {
			return nil, err
		}
		d.Parafs = append(d.Parafs, *m)
		d.Step, d.State, d.ReturnNote = 1, letters.DraftInReview, ""
		if err := saveStep(ctx, tx, d); err != nil {
			return nil, err
		}
		note := fmt.Sprintf("%s versi %d diajukan kepada %s.", d.Title, d.Version, s.db.Profile.PositionTitle(d.Holder))
		if err := follow(ctx, tx, d, a.User, letters.ActionSubmit, note); err != nil {
			return nil, err
		}
		return d, appendAudit(ctx, tx, &letters.AuditEntry{Action: "draft.submit", Entity: "letter", EntityID: d.LetterID,
			Detail: fmt.Sprintf("Konsep %d versi %d diajukan.", d.ID, d.Version)})
	})
}

// ApproveDraft puts the holder's paraf on the latest version and passes the
// draft to the next step.
func (s *WorkflowService) ApproveDraft(ctx context.Context, id int64, note string) (*letters.Draft, error) {
	return s.inTx(ctx, func(tx *Tx) (*letters.Draft, error) {
		a, d, err := s.stepActor(ctx, tx, id, letters.StepParaf)
		if err != nil {
			return nil, err
		}
		st := d.Chain[d.Step]
		m, err := insertMark(ctx, tx, s.db.Profile, a, d, strings.TrimSpace(note))
		if err != nil {
			return nil, err
		}
		d.Parafs = append(d.Parafs, *m)
		d.Step++
		if err := saveStep(ctx, tx, d); err != nil {
			return nil, err
		}
		msg := fmt.Sprintf("Paraf %s pada versi %d; diteruskan kepada %s.", m.Official.Position, d.Version, s.db.Profile.PositionTitle(d.Holder))
		if err := follow(ctx, tx, d, a.User, "paraf", joinNote(msg, m.Note)); err != nil {
			return nil, err
		}
		return d, appendAudit(ctx, tx, &letters.AuditEntry{Action: "draft.paraf", Entity: "letter", EntityID: d.LetterID,
			Detail: fmt.Sprintf("Paraf konsep %d: langkah %d (%s), versi %d, oleh %s (%s, NIP %s) pada %s.",
				d.ID, m.Step, st.Position, m.Version, m.Official.Name, m.Official.Position, m.Official.NIP, formatTime(m.At))})
	})
}

// insertMark records the actor's mark at the draft's current step.
func insertMark(ctx context.Context, tx *Tx, p *letters.Profile, a *actor, d *letters.Draft, note string) (*letters.Paraf, error) {
	st := d.Chain[d.Step]
	short := st.Position
	if pos := p.Position(st.Position); pos != nil && pos.Short != "" {
		short = pos.Short
	}
	m := &letters.Paraf{Step: d.Step, Kind: st.Step, Position: st.Position, Short: short,
		Official: a.official(p, st.Position), Version: d.Version, At: tx.now, Note: note}
	if _, err := tx.ExecContext(ctx, `INSERT INTO approvals (draft_id, version, step, kind, position, short, user_id,
		name, title, nip, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.Version, m.Step, m.Kind,
		m.Position, m.Short, a.ID, m.Official.Name, m.Official.Position, m.Official.NIP, note, formatTime(tx.now)); err != nil {
		return nil, fmt.Errorf("store: insert approval: %w", err)
	}
	return m, nil
}

// ReturnDraft sends the draft back to an earlier step with notes. The marks
// from that step on are revoked, so the chain runs again from there; back
// at the draft step, the drafter saves a new version, on which no earlier
// mark counts.
func (s *WorkflowService) ReturnDraft(ctx context.Context, id int64, toStep int, note string) (*letters.Draft, error) {
	return s.inTx(ctx, func(tx *Tx) (*letters.Draft, error) {
		a, d, err := s.stepActor(ctx, tx, id, letters.StepParaf, letters.StepSign)
		if err != nil {
			return nil, err
		}
		note = strings.TrimSpace(note)
		if note == "" {
			return nil, letters.Errorf(letters.EINVALID, "Catatan perbaikan wajib diisi.")
		}
		if toStep < 0 || toStep >= d.Step {
			return nil, letters.Errorf(letters.EINVALID, "Tahap tujuan pengembalian harus tahap sebelum tahap sekarang.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE approvals SET revoked = 1 WHERE draft_id = ? AND step >= ? AND revoked = 0`,
			d.ID, toStep); err != nil {
			return nil, fmt.Errorf("store: revoke approvals: %w", err)
		}
		from := d.Chain[d.Step].Position
		d.Step, d.ReturnNote = toStep, note
		d.State = letters.DraftInReview
		if toStep == 0 {
			d.State = letters.DraftDrafting
		}
		if err := saveStep(ctx, tx, d); err != nil {
			return nil, err
		}
		msg := fmt.Sprintf("Dikembalikan oleh %s kepada %s dengan catatan: %s", s.db.Profile.PositionTitle(from),
			s.db.Profile.PositionTitle(d.Holder), note)
		action := letters.Action("return_step")
		if toStep == 0 {
			action = letters.ActionSendBack
		}
		if err := follow(ctx, tx, d, a.User, action, msg); err != nil {
			return nil, err
		}
		if d.Parafs, err = validMarks(ctx, tx, d.ID, d.Version); err != nil {
			return nil, err
		}
		return d, appendAudit(ctx, tx, &letters.AuditEntry{Action: "draft.return", Entity: "letter", EntityID: d.LetterID,
			Detail: fmt.Sprintf("Konsep %d versi %d dikembalikan ke langkah %d. %s", d.ID, d.Version, toStep, msg)})
	})
}

// inTx runs fn in a write transaction and commits when it succeeds.
func (s *WorkflowService) inTx(ctx context.Context, fn func(tx *Tx) (*letters.Draft, error)) (*letters.Draft, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := fn(tx)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: commit: %w", err)
	}
	return d, nil
}
