package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"naskah/letters"
)

// FindDraftByID returns a draft with its latest version and valid marks.
func (s *WorkflowService) FindDraftByID(ctx context.Context, id int64) (*letters.Draft, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := visibleDraft(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// FindDrafts lists a letter's drafts, oldest first.
func (s *WorkflowService) FindDrafts(ctx context.Context, letterID int64) ([]*letters.Draft, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := checkVisible(ctx, tx, letterID); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM drafts WHERE letter_id = ? ORDER BY id`, letterID)
	if err != nil {
		return nil, fmt.Errorf("store: find drafts: %w", err)
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
	out := []*letters.Draft{}
	for _, id := range ids {
		d, err := findDraft(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// DraftVersions lists every version of a draft, oldest first.
func (s *WorkflowService) DraftVersions(ctx context.Context, id int64) ([]*letters.DraftVersion, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := visibleDraft(ctx, tx, id); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+versionColumns+` FROM draft_versions WHERE draft_id = ? ORDER BY version`, id)
	if err != nil {
		return nil, fmt.Errorf("store: draft versions: %w", err)
	}
	defer rows.Close()
	var out []*letters.DraftVersion
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const versionColumns = `draft_id, version, addressee, body, fields, note, by_id, by_name, at`

func scanVersion(sc interface{ Scan(...any) error }) (*letters.DraftVersion, error) {
	var v letters.DraftVersion
	var fields string
	if err := sc.Scan(&v.DraftID, &v.Version, &v.Addressee, &v.Body, &fields, &v.Note, &v.ByID, &v.By, scanTime(&v.At)); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(fields), &v.Fields); err != nil {
		return nil, fmt.Errorf("store: draft fields: %w", err)
	}
	return &v, nil
}

// findDraft reads a draft, its latest version and the marks that count:
// not revoked and on the latest version.
func findDraft(ctx context.Context, tx *Tx, id int64) (*letters.Draft, error) {
	var d letters.Draft
	var chain string
	err := tx.QueryRowContext(ctx, `SELECT id, COALESCE(letter_id, 0), type, title, state, version, step, chain, holder, return_note,
		created_by, created_at, updated_at, COALESCE((SELECT id FROM documents WHERE draft_id = drafts.id), 0)
		FROM drafts WHERE id = ?`, id).Scan(&d.ID, &d.LetterID, &d.Type, &d.Title, &d.State, &d.Version, &d.Step,
		&chain, &d.Holder, &d.ReturnNote, &d.CreatedBy, scanTime(&d.CreatedAt), scanTime(&d.UpdatedAt), &d.DocumentID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Konsep naskah tidak ditemukan.")
	} else if err != nil {
		return nil, fmt.Errorf("store: find draft: %w", err)
	}
	if err := json.Unmarshal([]byte(chain), &d.Chain); err != nil {
		return nil, fmt.Errorf("store: draft chain: %w", err)
	}
	if d.Current, err = scanVersion(tx.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM draft_versions
		WHERE draft_id = ? AND version = ?`, id, d.Version)); err != nil {
		return nil, fmt.Errorf("store: draft version: %w", err)
	}
	if d.Parafs, err = validMarks(ctx, tx, id, d.Version); err != nil {
		return nil, err
	}
	return &d, nil
}

// validMarks are the paraf and signature marks on version that still count.
func validMarks(ctx context.Context, tx *Tx, draftID int64, version int) ([]letters.Paraf, error) {
	rows, err := tx.QueryContext(ctx, `SELECT step, kind, position, short, name, title, nip, version, at, note
		FROM approvals WHERE draft_id = ? AND version = ? AND revoked = 0 ORDER BY step, id`, draftID, version)
	if err != nil {
		return nil, fmt.Errorf("store: approvals: %w", err)
	}
	defer rows.Close()
	out := []letters.Paraf{}
	for rows.Next() {
		var m letters.Paraf
		if err := rows.Scan(&m.Step, &m.Kind, &m.Position, &m.Short, &m.Official.Name, &m.Official.Position,
			&m.Official.NIP, &m.Version, scanTime(&m.At), &m.Note); err != nil {
			return nil, fmt.Errorf("store: approvals: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// stepActor loads the actor and draft id and checks that the draft stands
// at a step of kind (one of kinds) held by one of the actor's positions.
// EFORBIDDEN for anybody else; ECONFLICT when the draft is elsewhere.
func (s *WorkflowService) stepActor(ctx context.Context, tx *Tx, id int64, kinds ...string) (*actor, *letters.Draft, error) {
	a, err := loadActor(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	d, err := visibleDraft(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	st := d.CurrentStep()
	if st != nil && !a.holds(st.Position) {
		return nil, nil, letters.Errorf(letters.EFORBIDDEN, "Naskah ini sedang menunggu %s; jabatan Anda (%s) tidak dapat bertindak pada tahap ini.",
			s.db.Profile.PositionTitle(st.Position), s.db.Profile.PositionTitle(a.Position))
	}
	if st == nil || !containsKind(kinds, st.Step) {
		where := "selesai"
		if st != nil {
			where = "pada tahap " + st.Label
		}
		return nil, nil, letters.Errorf(letters.ECONFLICT, "Tindakan ini tidak dapat dilakukan: naskah %s.", where)
	}
	return a, d, nil
}

func containsKind(kinds []string, k string) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// visibleDraft finds draft id for the user in ctx: ENOTFOUND when it does
// not exist, EFORBIDDEN when its letter is hidden from the user.
func visibleDraft(ctx context.Context, tx *Tx, id int64) (*letters.Draft, error) {
	d, err := findDraft(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkDraftVisible(ctx, tx, d); err != nil {
		return nil, err
	}
	return d, nil
}
