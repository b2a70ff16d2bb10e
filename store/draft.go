package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"naskah/letters"
)

// Length limits of a draft, in characters.
const (
	maxDraftBody  = 50_000
	maxDraftField = 5_000
)

// answers reports whether documents of type typ move the case's status
// (every type but the kelengkapan notice, a first response on the side).
func answers(typ string) bool { return typ != letters.DocKelengkapan }

// CreateDraft starts a draft of type typ for a letter as version 1, the
// text filled from the case. The drafter is a position the draft action (or
// the type's chain) names, or the letter's holder after a disposition or
// "tidak perlu disposisi". An answer moves the letter to drafting.
func (s *WorkflowService) CreateDraft(ctx context.Context, letterID int64, typ string) (*letters.Draft, error) {
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
	doc := p.Document(strings.TrimSpace(typ))
	if doc == nil {
		return nil, letters.Errorf(letters.EINVALID, "Jenis dokumen %q tidak dikenal dalam profil kantor.", typ)
	}
	if doc.Code == letters.DocReportCover {
		return nil, letters.Errorf(letters.EINVALID, "%s dibuat dari tugas laporan (Tugas saya), bukan dari surat.", doc.Name)
	}
	l, err := visibleLetter(ctx, tx, letterID)
	if err != nil {
		return nil, err
	}
	pos := ""
	for _, ps := range a.positions {
		if p.MayDraft(ps, doc.Code) || (l.Holder == ps && l.Status == letters.StatusDisposed) {
			pos = ps
			break
		}
	}
	if pos == "" {
		return nil, letters.Errorf(letters.EFORBIDDEN, "Jabatan Anda (%s) tidak berwenang menyusun %s.", p.PositionTitle(a.Position), doc.Name)
	}
	var open int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM drafts WHERE letter_id = ? AND type = ? AND state IN (?, ?)`,
		l.ID, doc.Code, letters.DraftDrafting, letters.DraftInReview).Scan(&open); err != nil {
		return nil, fmt.Errorf("store: create draft: %w", err)
	} else if open > 0 {
		return nil, letters.Errorf(letters.ECONFLICT, "Konsep %s untuk surat ini sudah ada dan sedang diproses.", doc.Name)
	}
	if answers(doc.Code) {
		if _, err := letters.NextStatus(l.Status, letters.ActionDraft); err != nil {
			return nil, err
		}
	} else if !l.Status.Open() {
		return nil, letters.Errorf(letters.ECONFLICT, "Surat berstatus %q tidak dapat diberi %s.", l.Status.Label(), doc.Name)
	}
	chain := p.DraftChain(doc.Code, pos)
	d := &letters.Draft{LetterID: l.ID, Type: doc.Code, Title: p.DocumentTitle(doc.Code), State: letters.DraftDrafting,
		Version: 1, Chain: chain, Holder: pos, CreatedBy: a.ID, CreatedAt: tx.now, UpdatedAt: tx.now}
	chainJSON, _ := json.Marshal(chain)
	res, err := tx.ExecContext(ctx, `INSERT INTO drafts (letter_id, type, title, state, version, step, chain, holder,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 0, ?, ?, ?, ?, ?)`,
		d.LetterID, d.Type, d.Title, d.State, string(chainJSON), d.Holder, a.ID, formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return nil, fmt.Errorf("store: insert draft: %w", err)
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return nil, fmt.Errorf("store: insert draft: %w", err)
	}
	for _, st := range chain {
		if _, err := tx.ExecContext(ctx, `INSERT INTO draft_positions (draft_id, position) VALUES (?, ?)
			ON CONFLICT DO NOTHING`, d.ID, st.Position); err != nil {
			return nil, fmt.Errorf("store: draft positions: %w", err)
		}
	}
	in := p.DraftTemplate(l, doc.Code, a.official(p, pos), s.db.Calendar.Location(), tx.now)
	in.Note = "Konsep awal dari templat."
	if d.Current, err = insertVersion(ctx, tx, d.ID, 1, in, a.User); err != nil {
		return nil, err
	}
	note := "Mulai menyusun " + doc.Name + "."
	if answers(doc.Code) {
		err = moveLetter(ctx, tx, l, a.User, letters.ActionDraft, pos, note)
	} else {
		err = letterEvent(ctx, tx, l, a.User, "draft_side", note)
	}
	if err != nil {
		return nil, err
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "draft.create", Entity: "letter", EntityID: l.ID,
		Detail: fmt.Sprintf("Konsep %d (%s) dibuat oleh %s sebagai %s.", d.ID, doc.Code, a.Name, pos)}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: create draft: %w", err)
	}
	return d, nil
}

// SaveDraft stores a new version; only the drafter, while the draft is at
// its draft step. Every save is a new version, and marks on older versions
// no longer count.
func (s *WorkflowService) SaveDraft(ctx context.Context, id int64, in letters.DraftInput) (*letters.DraftVersion, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	a, d, err := s.stepActor(ctx, tx, id, letters.StepDraft)
	if err != nil {
		return nil, err
	}
	if err := checkDraftInput(&in); err != nil {
		return nil, err
	}
	v, err := insertVersion(ctx, tx, d.ID, d.Version+1, in, a.User)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE drafts SET version = ?, updated_at = ? WHERE id = ?`,
		v.Version, formatTime(tx.now), d.ID); err != nil {
		return nil, fmt.Errorf("store: save draft: %w", err)
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "draft.save", Entity: "letter", EntityID: d.LetterID,
		Detail: fmt.Sprintf("Konsep %d versi %d disimpan oleh %s.", d.ID, v.Version, a.Name)}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: save draft: %w", err)
	}
	return v, nil
}

func checkDraftInput(in *letters.DraftInput) error {
	in.Body = strings.TrimSpace(strings.ReplaceAll(in.Body, "\r\n", "\n"))
	in.Addressee = strings.TrimSpace(strings.ReplaceAll(in.Addressee, "\r\n", "\n"))
	if in.Body == "" {
		return letters.Errorf(letters.EINVALID, "Isi naskah wajib diisi.")
	}
	if utf8.RuneCountInString(in.Body) > maxDraftBody {
		return letters.Errorf(letters.EINVALID, "Isi naskah paling banyak %d karakter.", maxDraftBody)
	}
	if utf8.RuneCountInString(in.Addressee) > maxDraftField {
		return letters.Errorf(letters.EINVALID, "Alamat tujuan paling banyak %d karakter.", maxDraftField)
	}
	for k, v := range in.Fields {
		v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
		if utf8.RuneCountInString(v) > maxDraftField {
			label := letters.DraftFieldLabels[k]
			if label == "" {
				label = k
			}
			return letters.Errorf(letters.EINVALID, "Isian %q paling banyak %d karakter.", label, maxDraftField)
		}
		in.Fields[k] = v
	}
	return nil
}

func insertVersion(ctx context.Context, tx *Tx, draftID int64, version int, in letters.DraftInput, user *letters.User) (*letters.DraftVersion, error) {
	if in.Fields == nil {
		in.Fields = map[string]string{}
	}
	fields, _ := json.Marshal(in.Fields)
	v := &letters.DraftVersion{DraftID: draftID, Version: version, Addressee: in.Addressee, Body: in.Body,
		Fields: in.Fields, Note: strings.TrimSpace(in.Note), ByID: user.ID, By: user.Name, At: tx.now}
	if _, err := tx.ExecContext(ctx, `INSERT INTO draft_versions (draft_id, version, addressee, body, fields, note,
		by_id, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, draftID, version, v.Addressee, v.Body, string(fields),
		v.Note, user.ID, user.Name, formatTime(tx.now)); err != nil {
		return nil, fmt.Errorf("store: insert draft version: %w", err)
	}
	return v, nil
}
