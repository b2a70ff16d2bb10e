package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"naskah/letters"
)

// ConfirmScanDetails stores the details the clerk confirmed after reading
// the suggestions from the letter's scan, with a timeline row and an audit
// row naming what changed. EUNAUTHORIZED, EFORBIDDEN, EINVALID, ENOTFOUND.
func (s *ScanService) ConfirmScanDetails(ctx context.Context, letterID int64, d letters.ScanDetails) (*letters.Letter, error) {
	user := letters.UserFromContext(ctx)
	if user == nil {
		return nil, letters.Errorf(letters.EUNAUTHORIZED, "Silakan masuk terlebih dahulu.")
	}
	if !s.db.Profile.MayPerform(user.Position, letters.ActionRegister) {
		return nil, letters.Errorf(letters.EFORBIDDEN, "Jabatan Anda (%s) tidak berwenang mengubah rincian surat.", s.db.Profile.PositionTitle(user.Position))
	}
	d.Origin, d.RefNumber, d.Subject = strings.TrimSpace(d.Origin), strings.TrimSpace(d.RefNumber), strings.TrimSpace(d.Subject)
	switch {
	case d.Subject == "":
		return nil, letters.Errorf(letters.EINVALID, "Perihal wajib diisi.")
	case utf8.RuneCountInString(d.Subject) > maxSubjectLen:
		return nil, letters.Errorf(letters.EINVALID, "Perihal paling banyak %d karakter.", maxSubjectLen)
	case utf8.RuneCountInString(d.Origin) > maxFieldLen:
		return nil, letters.Errorf(letters.EINVALID, "Asal surat paling banyak %d karakter.", maxFieldLen)
	case utf8.RuneCountInString(d.RefNumber) > maxFieldLen:
		return nil, letters.Errorf(letters.EINVALID, "Nomor surat paling banyak %d karakter.", maxFieldLen)
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	l, err := findLetter(ctx, tx, `id = ?`, letterID)
	if err != nil {
		return nil, err
	}
	var changed []string
	note := func(label, from, to string) {
		if from != to {
			changed = append(changed, fmt.Sprintf("%s: %q → %q", label, from, to))
		}
	}
	note("Asal surat", l.Origin, d.Origin)
	note("Nomor surat", l.RefNumber, d.RefNumber)
	note("Tanggal surat", refDateText(l), refDateText(&letters.Letter{RefDate: d.RefDate}))
	note("Perihal", l.Subject, d.Subject)
	if len(changed) == 0 {
		return l, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE letters SET origin = ?, ref_number = ?, ref_date = ?, subject = ?, updated_at = ?
		WHERE id = ?`, d.Origin, d.RefNumber, nullTime(d.RefDate), d.Subject, formatTime(tx.now), letterID); err != nil {
		return nil, fmt.Errorf("store: confirm scan details: %w", err)
	}
	text := "Rincian surat diperiksa dari teks pindaian. " + strings.Join(changed, "; ")
	if err := insertEvent(ctx, tx, &letters.Event{LetterID: letterID, Action: "scan_confirm", From: l.Status, To: l.Status, Note: text}, user); err != nil {
		return nil, err
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "letter.scan_confirm", Entity: "letter", EntityID: letterID,
		ActorID: user.ID, Actor: user.Username, Detail: text}); err != nil {
		return nil, err
	}
	if l, err = findLetter(ctx, tx, `id = ?`, letterID); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: confirm scan details: %w", err)
	}
	return l, nil
}

func refDateText(l *letters.Letter) string {
	if l.RefDate == nil {
		return ""
	}
	return l.RefDate.Format("2006-01-02")
}
