package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"naskah/letters"
)

// Dispose records a disposition by the user in ctx. The author's position
// is the one through which the user received the letter (a live
// disposition to it: a cascade down) or, failing that, a position the
// profile's dispose action names. Targets must lie below it (or beside it
// when the profile allows sideways dispositions). The disposition is
// numbered (lembar_disposisi) and its Lembar Disposisi rendered and stored
// in the same transaction, so a number is never lost to a failed render.
func (s *WorkflowService) Dispose(ctx context.Context, in letters.DisposeInput) (*letters.Disposition, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := s.dispose(ctx, tx, in)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: dispose: %w", err)
	}
	return d, nil
}

func (s *WorkflowService) dispose(ctx context.Context, tx *Tx, in letters.DisposeInput) (*letters.Disposition, error) {
	p := s.db.Profile
	a, err := loadActor(ctx, tx)
	if err != nil {
		return nil, err
	}
	l, err := visibleLetter(ctx, tx, in.LetterID)
	if err != nil {
		return nil, err
	}
	from, parent, err := disposerPosition(ctx, tx, p, a, l.ID)
	if err != nil {
		return nil, err
	}
	d := &letters.Disposition{LetterID: l.ID, ParentID: parent, FromPosition: from, ByID: a.ID,
		By: a.Name, ByNIP: a.NIP, At: tx.now}
	if err := checkDisposeInput(p, from, &in); err != nil {
		return nil, err
	}
	d.ToPositions, d.Instructions, d.Nature, d.Due = in.To, in.Instructions, in.Nature, in.Due
	if d.Due == nil {
		due := l.Deadline
		d.Due = &due
	}
	if _, err := letters.NextStatus(l.Status, letters.ActionDispose); err != nil {
		return nil, err
	}
	doc := p.Document("lembar_disposisi")
	if doc == nil {
		return nil, letters.Errorf(letters.EINVALID, "Profil kantor tidak memuat jenis dokumen lembar_disposisi untuk penomoran disposisi.")
	}
	if s.Renderer == nil {
		return nil, letters.Errorf(letters.EINTERNAL, "Pencetak Lembar Disposisi belum dipasang.")
	}
	earlier, err := findDispositions(ctx, tx, l.ID)
	if err != nil {
		return nil, err
	}
	instr, _ := json.Marshal(d.Instructions)
	res, err := tx.ExecContext(ctx, `INSERT INTO dispositions (letter_id, parent_id, number, from_position,
		instructions, nature, due, by_id, by_name, by_nip, at) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, nullID(parent), from, string(instr), d.Nature, nullTime(d.Due), a.ID, a.Name, a.NIP, formatTime(tx.now))
	if err != nil {
		return nil, fmt.Errorf("store: insert disposition: %w", err)
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return nil, fmt.Errorf("store: insert disposition: %w", err)
	}
	for i, to := range d.ToPositions {
		if _, err := tx.ExecContext(ctx, `INSERT INTO disposition_targets (disposition_id, position, ord) VALUES (?, ?, ?)`,
			d.ID, to, i); err != nil {
			return nil, fmt.Errorf("store: insert disposition target: %w", err)
		}
	}
	n, err := issueNumber(ctx, tx, doc, "disposition", d.ID)
	if err != nil {
		return nil, err
	}
	d.Number = n.Formatted
	sheet := letters.DispositionSheet{Profile: p, Letter: l, Number: d.Number, Nature: d.Nature,
		Instructions: d.Instructions, By: a.official(p, from), At: tx.now, Due: d.Due}
	for _, to := range d.ToPositions {
		sheet.To = append(sheet.To, p.PositionTitle(to))
	}
	for _, e := range earlier {
		if !e.Live() {
			continue
		}
		titles := make([]string, len(e.ToPositions))
		for i, t := range e.ToPositions {
			titles[i] = p.PositionTitle(t)
		}
		sheet.Cascade = append(sheet.Cascade, letters.DispositionSheetLine{By: p.PositionTitle(e.FromPosition),
			To: strings.Join(titles, ", "), Instruction: strings.Join(e.Instructions, "; "), At: e.At})
	}
	pdf, err := s.Renderer.RenderDisposition(sheet)
	if err != nil {
		return nil, fmt.Errorf("store: render disposition sheet: %w", err)
	}
	if d.SheetSHA256, err = storeBlob(ctx, tx, pdf); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE dispositions SET number = ?, sheet_sha256 = ? WHERE id = ?`,
		d.Number, d.SheetSHA256, d.ID); err != nil {
		return nil, fmt.Errorf("store: update disposition: %w", err)
	}
	note := fmt.Sprintf("Didisposisikan kepada %s (%s, sifat %s). Isi disposisi: %s.",
		strings.Join(sheet.To, ", "), d.Number, d.Nature, strings.Join(d.Instructions, "; "))
	if err := moveLetter(ctx, tx, l, a.User, letters.ActionDispose, d.ToPositions[0], note); err != nil {
		return nil, err
	}
	return d, appendAudit(ctx, tx, &letters.AuditEntry{Action: "disposition.create", Entity: "letter", EntityID: l.ID,
		Detail: fmt.Sprintf("Disposisi %d nomor %s oleh %s (%s) kepada %s; sifat %s; isi: %s; lembar disposisi SHA-256 %s.",
			d.ID, d.Number, a.Name, from, strings.Join(d.ToPositions, ", "), d.Nature, strings.Join(d.Instructions, "; "), d.SheetSHA256)})
}

// disposerPosition returns the position through which the actor disposes
// letter id, and the disposition it continues (0 for a first one).
func disposerPosition(ctx context.Context, tx *Tx, p *letters.Profile, a *actor, letterID int64) (string, int64, error) {
	for _, pos := range a.positions {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT d.id FROM dispositions d JOIN disposition_targets t ON t.disposition_id = d.id
			WHERE d.letter_id = ? AND d.withdrawn_at IS NULL AND t.position = ? ORDER BY d.id DESC LIMIT 1`,
			letterID, pos).Scan(&id)
		if err == nil {
			return pos, id, nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return "", 0, fmt.Errorf("store: disposer: %w", err)
		}
	}
	for _, pos := range a.positions {
		if p.MayPerform(pos, letters.ActionDispose) {
			return pos, 0, nil
		}
	}
	return "", 0, letters.Errorf(letters.EFORBIDDEN, "Jabatan Anda (%s) tidak berwenang mendisposisikan surat ini: surat belum didisposisikan kepada Anda.",
		p.PositionTitle(a.Position))
}

// checkDisposeInput cleans and checks the targets, instructions and nature.
func checkDisposeInput(p *letters.Profile, from string, in *letters.DisposeInput) error {
	var to []string
	for _, t := range in.To {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(to, t) {
			to = append(to, t)
		}
	}
	if len(to) == 0 {
		return letters.Errorf(letters.EINVALID, "Tujuan disposisi (diteruskan kepada) wajib dipilih.")
	}
	for _, t := range to {
		if p.Position(t) == nil {
			return letters.Errorf(letters.EINVALID, "Tujuan disposisi %q tidak dikenal dalam profil kantor.", t)
		}
		if !p.MayDisposeTo(from, t) {
			return letters.Errorf(letters.EFORBIDDEN, "%s tidak dapat mendisposisikan kepada %s: disposisi hanya ke jabatan di bawahnya.",
				p.PositionTitle(from), p.PositionTitle(t))
		}
	}
	var instr []string
	for _, i := range in.Instructions {
		i = strings.TrimSpace(i)
		if i == "" {
			continue
		}
		if !slices.Contains(letters.DispositionInstructions, i) {
			return letters.Errorf(letters.EINVALID, "Isi disposisi %q bukan pilihan yang tersedia.", i)
		}
		if !slices.Contains(instr, i) {
			instr = append(instr, i)
		}
	}
	if note := strings.TrimSpace(in.Note); note != "" {
		if utf8.RuneCountInString(note) > maxNoteLen {
			return letters.Errorf(letters.EINVALID, "Isi disposisi paling banyak %d karakter.", maxNoteLen)
		}
		instr = append(instr, note)
	}
	if len(instr) == 0 {
		return letters.Errorf(letters.EINVALID, "Isi disposisi wajib diisi: pilih instruksi atau tulis catatan.")
	}
	in.To, in.Instructions = to, instr
	in.Nature = strings.ToLower(strings.TrimSpace(in.Nature))
	if in.Nature == "" {
		in.Nature = "biasa"
	}
	if !slices.Contains(letters.DispositionNatures, in.Nature) {
		return letters.Errorf(letters.EINVALID, "Sifat disposisi %q tidak dikenal (biasa, segera, sangat segera, rahasia).", in.Nature)
	}
	return nil
}
