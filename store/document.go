package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"naskah/letters"
)

// DeliverDraft records how the signed document reached the complainant, at
// the chain's deliver step (or, for a chain without one, by a position the
// deliver action names). Email waits for the mailer ("menunggu
// pengiriman") until MarkSent; a printed copy records who received it; a
// LAPOR! follow-up keeps the text to paste and counts as delivered by the
// Pejabat Penghubung who marks it. A delivered answer moves the case to
// delivered.
func (s *WorkflowService) DeliverDraft(ctx context.Context, id int64, in letters.DeliveryInput) (*letters.IssuedDocument, error) {
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
	d, err := findDraft(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	l, err := visibleLetter(ctx, tx, d.LetterID)
	if err != nil {
		return nil, err
	}
	if d.DocumentID == 0 {
		return nil, letters.Errorf(letters.ECONFLICT, "Naskah belum ditandatangani.")
	}
	doc, err := findDocument(ctx, tx, `id = ?`, d.DocumentID)
	if err != nil {
		return nil, err
	}
	if doc.Delivery != "" {
		return nil, letters.Errorf(letters.ECONFLICT, "Dokumen %s sudah diserahkan/dikirim (%s).", doc.Number, doc.Delivery)
	}
	st := d.CurrentStep()
	switch {
	case st != nil && st.Step != letters.StepDeliver:
		return nil, letters.Errorf(letters.ECONFLICT, "Dokumen belum dapat diserahkan: menunggu tahap %s.", st.Label)
	case st != nil && !a.holds(st.Position):
		return nil, letters.Errorf(letters.EFORBIDDEN, "Penyerahan dokumen ini menjadi tugas %s.", p.PositionTitle(st.Position))
	case st == nil && !mayAny(p, a, letters.ActionDeliver):
		return nil, letters.Errorf(letters.EFORBIDDEN, "Jabatan Anda (%s) tidak berwenang menyerahkan jawaban.", p.PositionTitle(a.Position))
	}
	in.ReceivedBy, in.Note = strings.TrimSpace(in.ReceivedBy), strings.TrimSpace(in.Note)
	var note string
	switch in.Method {
	case letters.DeliverEmail:
		if l.Complainant.Email == "" {
			return nil, letters.Errorf(letters.EINVALID, "Pengadu tidak mencantumkan alamat email; pilih cara penyerahan lain.")
		}
		note = "Menunggu pengiriman melalui email ke " + l.Complainant.Email + "."
	case letters.DeliverPrint:
		if in.ReceivedBy == "" {
			return nil, letters.Errorf(letters.EINVALID, "Nama penerima dokumen wajib diisi.")
		}
		note = "Diserahkan dalam bentuk cetak kepada " + in.ReceivedBy + "."
	case letters.DeliverLapor:
		if l.LaporID == "" {
			return nil, letters.Errorf(letters.EINVALID, "Surat ini tidak memiliki nomor laporan SP4N-LAPOR!.")
		}
		doc.LaporText = laporText(p, l, doc, d.Current.Body)
		note = "Tindak lanjut dicatat pada SP4N-LAPOR! " + l.LaporID + " oleh " + a.Name + "."
	default:
		return nil, letters.Errorf(letters.EINVALID, "Cara penyerahan wajib dipilih (email, cetak, atau SP4N-LAPOR!).")
	}
	doc.Delivery, doc.ReceivedBy = in.Method, in.ReceivedBy
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET delivery = ?, received_by = ?, lapor_text = ? WHERE id = ?`,
		doc.Delivery, doc.ReceivedBy, doc.LaporText, doc.ID); err != nil {
		return nil, fmt.Errorf("store: deliver: %w", err)
	}
	note = joinNote(note, in.Note)
	if in.Method == letters.DeliverEmail {
		if err := letterEvent(ctx, tx, l, a.User, "deliver_pending", doc.Title+" "+doc.Number+": "+note); err != nil {
			return nil, err
		}
	} else if err := completeDelivery(ctx, tx, doc, d, a.User, note); err != nil {
		return nil, err
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "document.deliver", Entity: "letter", EntityID: l.ID,
		Detail: fmt.Sprintf("Dokumen %s (%s): %s", doc.Number, in.Method, note)}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: deliver: %w", err)
	}
	return doc, nil
}

func mayAny(p *letters.Profile, a *actor, act letters.Action) bool {
	for _, pos := range a.positions {
		if p.MayPerform(pos, act) {
			return true
		}
	}
	return false
}

// completeDelivery marks doc delivered now and moves the draft and case on.
func completeDelivery(ctx context.Context, tx *Tx, doc *letters.IssuedDocument, d *letters.Draft, user *letters.User, note string) error {
	doc.DeliveredAt = &tx.now
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET delivered_at = ? WHERE id = ?`, formatTime(tx.now), doc.ID); err != nil {
		return fmt.Errorf("store: deliver: %w", err)
	}
	d.Step, d.State = len(d.Chain), letters.DraftDelivered
	if err := saveStep(ctx, tx, d); err != nil {
		return err
	}
	d.Holder = holderFor(tx.db.Profile, letters.StatusDelivered)
	return follow(ctx, tx, d, user, letters.ActionDeliver, doc.Title+" "+doc.Number+": "+note)
}

// MarkSent records that the mailer sent a document waiting for email
// delivery. It is called by the mail service (no user needed).
func (s *WorkflowService) MarkSent(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	doc, err := findDocument(ctx, tx, `id = ?`, id)
	if err != nil {
		return err
	}
	if doc.Delivery != letters.DeliverEmail || doc.DeliveredAt != nil {
		return letters.Errorf(letters.ECONFLICT, "Dokumen %s tidak sedang menunggu pengiriman email.", doc.Number)
	}
	d, err := findDraft(ctx, tx, doc.DraftID)
	if err != nil {
		return err
	}
	if err := completeDelivery(ctx, tx, doc, d, letters.UserFromContext(ctx), "Terkirim melalui email."); err != nil {
		return err
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "document.sent", Entity: "letter", EntityID: doc.LetterID,
		Detail: "Dokumen " + doc.Number + " terkirim melalui email."}); err != nil {
		return err
	}
	return tx.Commit()
}

// FindDocuments lists issued documents, newest first.
func (s *WorkflowService) FindDocuments(ctx context.Context, f letters.DocumentFilter) ([]*letters.IssuedDocument, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := "1 = 1", []any{}
	if f.LetterID != 0 {
		if err := checkVisible(ctx, tx, f.LetterID); err != nil {
			return nil, err
		}
		where, args = where+" AND letter_id = ?", append(args, f.LetterID)
	} else if cond, a, err := visibility(ctx, tx); err != nil {
		return nil, err
	} else if cond != "" {
		where, args = where+" AND letter_id IN (SELECT id FROM letters WHERE "+cond+")", append(args, a...)
	}
	if f.Type != "" {
		where, args = where+" AND type = ?", append(args, f.Type)
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxLetterLimit {
		limit = MaxLetterLimit
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE `+where+
		` ORDER BY id DESC`+limitOffset(limit, 0), args...)
	if err != nil {
		return nil, fmt.Errorf("store: find documents: %w", err)
	}
	defer rows.Close()
	out := []*letters.IssuedDocument{}
	for rows.Next() {
		doc, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, doc)
	}
	return out, rows.Err()
}

// FindDocumentByID returns an issued document the user may see.
func (s *WorkflowService) FindDocumentByID(ctx context.Context, id int64) (*letters.IssuedDocument, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	doc, err := findDocument(ctx, tx, `id = ?`, id)
	if err != nil {
		return nil, err
	}
	if doc.LetterID == 0 { // a report cover letter
		return doc, coverVisible(ctx, tx, doc.DraftID)
	}
	return doc, checkVisible(ctx, tx, doc.LetterID)
}

// FindDocumentByCode finds a document by its public verification code (as
// typed: case, spaces and look-alike letters forgiven). Public.
func (s *WorkflowService) FindDocumentByCode(ctx context.Context, code string) (*letters.IssuedDocument, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findDocument(ctx, tx, `verify_code = ?`, letters.NormalizeTrackingCode(code))
}

// DocumentPDF returns the signed bytes exactly as stored.
func (s *WorkflowService) DocumentPDF(ctx context.Context, id int64) ([]byte, error) {
	doc, err := s.FindDocumentByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.readDocument(doc)
}

func (s *WorkflowService) readDocument(doc *letters.IssuedDocument) ([]byte, error) {
	data, err := os.ReadFile(s.db.blobPath(doc.SHA256))
	if err != nil {
		return nil, fmt.Errorf("store: read document %d: %w", doc.ID, err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != doc.SHA256 {
		return nil, fmt.Errorf("store: document %d: stored file does not match its SHA-256", doc.ID)
	}
	return data, nil
}

// CheckFile tells whether data is the original of the document with code:
// the same SHA-256 as the stored file and a signature the signer accepts.
func (s *WorkflowService) CheckFile(ctx context.Context, code string, data []byte) (letters.FileCheck, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return letters.FileCheck{}, err
	}
	defer tx.Rollback()
	doc, err := findDocument(ctx, tx, `verify_code = ?`, letters.NormalizeTrackingCode(code))
	if err != nil {
		return letters.FileCheck{}, err
	}
	recordProblem, err := checkRecord(ctx, tx, s.Signer, doc)
	if err != nil {
		return letters.FileCheck{}, err
	}
	sum := sha256.Sum256(data)
	fc := letters.FileCheck{SHA256: hex.EncodeToString(sum[:])}
	if s.Signer != nil {
		if fc.Signature, err = s.Signer.Verify(ctx, data); err != nil {
			if letters.ErrorCode(err) != letters.EINVALID {
				return fc, err
			}
			fc.Signature = letters.SignatureCheck{Reason: letters.ErrorMessage(err)}
		}
	}
	switch {
	case fc.SHA256 != doc.SHA256:
		fc.Reason = "Berkas ini BUKAN dokumen asli: isinya berbeda dari dokumen " + doc.Number + " yang diterbitkan."
	case s.Signer != nil && !fc.Signature.Valid:
		fc.Reason = "Tanda tangan elektronik tidak sah: " + fc.Signature.Reason
	case recordProblem != "":
		fc.Reason = recordProblem
	default:
		fc.Original = true
	}
	return fc, nil
}

const documentColumns = `id, COALESCE(letter_id, 0), draft_id, type, title, number, version, signer_name, signer_title, signer_nip,
	signed_at, sha256, size, verify_code, parafs, delivery, delivered_at, received_by, lapor_text`

func scanDocument(sc interface{ Scan(...any) error }) (*letters.IssuedDocument, error) {
	var d letters.IssuedDocument
	var parafs string
	if err := sc.Scan(&d.ID, &d.LetterID, &d.DraftID, &d.Type, &d.Title, &d.Number, &d.Version, &d.Signer.Name,
		&d.Signer.Position, &d.Signer.NIP, scanTime(&d.SignedAt), &d.SHA256, &d.Size, &d.VerifyCode, &parafs,
		&d.Delivery, scanTimePtr(&d.DeliveredAt), &d.ReceivedBy, &d.LaporText); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(parafs), &d.Parafs); err != nil {
		return nil, fmt.Errorf("store: document parafs: %w", err)
	}
	return &d, nil
}

func findDocument(ctx context.Context, tx *Tx, where string, arg any) (*letters.IssuedDocument, error) {
	d, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Dokumen tidak ditemukan.")
	} else if err != nil {
		return nil, fmt.Errorf("store: find document: %w", err)
	}
	return d, nil
}
