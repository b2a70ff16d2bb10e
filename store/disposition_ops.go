package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"naskah/letters"
)

// SkipDisposition is "Tidak perlu disposisi": a position that may dispose
// answers the letter itself (it becomes the holder, who may draft) or files
// it (the case closes).
func (s *WorkflowService) SkipDisposition(ctx context.Context, letterID int64, file bool, note string) (*letters.Letter, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p := s.db.Profile
	a, err := loadActor(ctx, tx)
	if err != nil {
		return nil, err
	}
	l, err := visibleLetter(ctx, tx, letterID)
	if err != nil {
		return nil, err
	}
	pos := ""
	for _, ps := range a.positions {
		if p.MayPerform(ps, letters.ActionDispose) {
			pos = ps
			break
		}
	}
	if pos == "" {
		return nil, letters.Errorf(letters.EFORBIDDEN, "Jabatan Anda (%s) tidak berwenang memutuskan disposisi.", p.PositionTitle(a.Position))
	}
	note = strings.TrimSpace(note)
	action, msg := letters.ActionDispose, "Tidak perlu disposisi: dijawab langsung oleh "+p.PositionTitle(pos)+"."
	if file {
		action, msg = letters.ActionClose, "Tidak perlu disposisi: diarsipkan."
	}
	if err := moveLetter(ctx, tx, l, a.User, action, pos, joinNote(msg, note)); err != nil {
		return nil, err
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "disposition.skip", Entity: "letter", EntityID: l.ID,
		Detail: joinNote(msg, note)}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: skip disposition: %w", err)
	}
	return l, nil
}

// WithdrawDisposition withdraws a disposition while none of its recipients
// has opened the letter. Only its author's position may; the letter goes
// back to the author.
func (s *WorkflowService) WithdrawDisposition(ctx context.Context, id int64, note string) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	a, err := loadActor(ctx, tx)
	if err != nil {
		return err
	}
	d, err := findDisposition(ctx, tx, id)
	if err != nil {
		return err
	}
	switch {
	case !a.holds(d.FromPosition):
		return letters.Errorf(letters.EFORBIDDEN, "Hanya %s yang membuat disposisi ini dapat menariknya.", s.db.Profile.PositionTitle(d.FromPosition))
	case d.WithdrawnAt != nil:
		return letters.Errorf(letters.ECONFLICT, "Disposisi %s sudah ditarik.", d.Number)
	case d.OpenedAt != nil:
		return letters.Errorf(letters.ECONFLICT, "Disposisi %s tidak dapat ditarik: penerima sudah membuka surat.", d.Number)
	}
	var children int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM dispositions WHERE parent_id = ? AND withdrawn_at IS NULL`, id).Scan(&children); err != nil {
		return fmt.Errorf("store: withdraw: %w", err)
	} else if children > 0 {
		return letters.Errorf(letters.ECONFLICT, "Disposisi %s tidak dapat ditarik: sudah didisposisikan lebih lanjut.", d.Number)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE dispositions SET withdrawn_at = ? WHERE id = ?`, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("store: withdraw: %w", err)
	}
	l, err := findLetter(ctx, tx, `id = ?`, d.LetterID)
	if err != nil {
		return err
	}
	if slices.Contains(d.ToPositions, l.Holder) {
		if err := setHolder(ctx, tx, l, d.FromPosition); err != nil {
			return err
		}
	}
	msg := joinNote("Disposisi "+d.Number+" ditarik.", strings.TrimSpace(note))
	if err := letterEvent(ctx, tx, l, a.User, "withdraw_disposition", msg); err != nil {
		return err
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "disposition.withdraw", Entity: "letter", EntityID: l.ID, Detail: msg}); err != nil {
		return err
	}
	return tx.Commit()
}

// MarkDispositionsOpened marks the live dispositions to the user's
// positions on letter id as opened (once). It writes only when there is
// something to mark.
func (s *WorkflowService) MarkDispositionsOpened(ctx context.Context, letterID int64) error {
	if letters.UserFromContext(ctx) == nil {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return err
	}
	ids, err := unopened(ctx, tx, letterID)
	tx.Rollback()
	if err != nil || len(ids) == 0 {
		return err
	}
	if tx, err = s.db.BeginTx(ctx, true); err != nil {
		return err
	}
	defer tx.Rollback()
	if ids, err = unopened(ctx, tx, letterID); err != nil || len(ids) == 0 {
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE dispositions SET opened_at = ? WHERE id = ?`, formatTime(tx.now), id); err != nil {
			return fmt.Errorf("store: open disposition: %w", err)
		}
		if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "disposition.open", Entity: "letter", EntityID: letterID,
			Detail: fmt.Sprintf("Disposisi %d dibuka oleh penerima.", id)}); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func unopened(ctx context.Context, tx *Tx, letterID int64) ([]int64, error) {
	a, err := loadActor(ctx, tx)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, pos := range a.positions {
		rows, err := tx.QueryContext(ctx, `SELECT d.id FROM dispositions d JOIN disposition_targets t ON t.disposition_id = d.id
			WHERE d.letter_id = ? AND t.position = ? AND d.opened_at IS NULL AND d.withdrawn_at IS NULL`, letterID, pos)
		if err != nil {
			return nil, fmt.Errorf("store: unopened: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		rows.Close()
	}
	return ids, nil
}

// FindDispositions lists a letter's dispositions, oldest first.
func (s *WorkflowService) FindDispositions(ctx context.Context, letterID int64) ([]*letters.Disposition, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := visibleLetter(ctx, tx, letterID); err != nil {
		return nil, err
	}
	return findDispositions(ctx, tx, letterID)
}

// DispositionSheet returns a disposition and its stored Lembar Disposisi.
func (s *WorkflowService) DispositionSheet(ctx context.Context, id int64) (*letters.Disposition, []byte, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	d, err := findDisposition(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	if _, err := visibleLetter(ctx, tx, d.LetterID); err != nil {
		return nil, nil, err
	}
	if d.SheetSHA256 == "" {
		return nil, nil, letters.Errorf(letters.ENOTFOUND, "Lembar disposisi tidak ditemukan.")
	}
	data, err := os.ReadFile(s.db.blobPath(d.SheetSHA256))
	if err != nil {
		return nil, nil, fmt.Errorf("store: read disposition sheet: %w", err)
	}
	return d, data, nil
}

const dispositionColumns = `id, letter_id, COALESCE(parent_id, 0), number, from_position, instructions, nature, due,
	by_id, by_name, by_nip, at, opened_at, withdrawn_at, COALESCE(sheet_sha256, '')`

func scanDisposition(sc interface{ Scan(...any) error }) (*letters.Disposition, error) {
	var d letters.Disposition
	var instr string
	if err := sc.Scan(&d.ID, &d.LetterID, &d.ParentID, &d.Number, &d.FromPosition, &instr, &d.Nature,
		scanTimePtr(&d.Due), &d.ByID, &d.By, &d.ByNIP, scanTime(&d.At), scanTimePtr(&d.OpenedAt),
		scanTimePtr(&d.WithdrawnAt), &d.SheetSHA256); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(instr), &d.Instructions); err != nil {
		return nil, fmt.Errorf("store: disposition %d instructions: %w", d.ID, err)
	}
	return &d, nil
}

func findDisposition(ctx context.Context, tx *Tx, id int64) (*letters.Disposition, error) {
	d, err := scanDisposition(tx.QueryRowContext(ctx, `SELECT `+dispositionColumns+` FROM dispositions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Disposisi tidak ditemukan.")
	} else if err != nil {
		return nil, fmt.Errorf("store: find disposition: %w", err)
	}
	return d, loadTargets(ctx, tx, d)
}

func findDispositions(ctx context.Context, tx *Tx, letterID int64) ([]*letters.Disposition, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+dispositionColumns+` FROM dispositions WHERE letter_id = ? ORDER BY id`, letterID)
	if err != nil {
		return nil, fmt.Errorf("store: find dispositions: %w", err)
	}
	out := []*letters.Disposition{}
	for rows.Next() {
		d, err := scanDisposition(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan disposition: %w", err)
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find dispositions: %w", err)
	}
	for _, d := range out {
		if err := loadTargets(ctx, tx, d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func loadTargets(ctx context.Context, tx *Tx, d *letters.Disposition) error {
	rows, err := tx.QueryContext(ctx, `SELECT position FROM disposition_targets WHERE disposition_id = ? ORDER BY ord`, d.ID)
	if err != nil {
		return fmt.Errorf("store: disposition targets: %w", err)
	}
	defer rows.Close()
	d.ToPositions = nil
	for rows.Next() {
		var pos string
		if err := rows.Scan(&pos); err != nil {
			return fmt.Errorf("store: disposition targets: %w", err)
		}
		d.ToPositions = append(d.ToPositions, pos)
	}
	return rows.Err()
}

// nullID is NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
